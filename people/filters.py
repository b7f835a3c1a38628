"""The people directory's filters: name, role, specialism, school, school phase, partnership,
network group, programme or qualification, year group taught, outside organisation,
designation.

Every filter narrows with `pk IN (subquery)` rather than a join, so filters combine without
duplicating rows and the count stays exact. Role and specialism together mean one role with
that specialism ("an SLE for maths"), not an SLE who also has some maths role.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone

from partnerships.filters import name_box
from partnerships.models import (
    GroupChair,
    Membership,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
)
from people.models import (
    Designation,
    Person,
    PersonQualification,
    Qualification,
    RoleAssignment,
    RoleType,
    Specialism,
    YearGroup,
)
from people.names import matching_name, name_words
from people.vocabularies import ID_LIST_LIMIT, vocabularies
from schools.models import Phase, School


def id_list(ids: list[int]):
    """`ids` for an `__in` filter. On PostgreSQL one array parameter (`IN (SELECT
    unnest(%s))`) instead of a parameter per id: a thousand placeholders cost 5 ms to build,
    bind and parse, and gave each length of list a prepared statement of its own."""
    ids = sorted(set(ids))
    if connection.vendor != "postgresql":
        return ids
    return RawSQL("SELECT unnest(%s::bigint[])", (ids,))


def _id_of(model, slug: str) -> Subquery:
    return Subquery(model.objects.filter(slug=slug).values("pk")[:1])


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Name",
        method="filter_name",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # Short vocabularies, from the cache (people.vocabularies): no query fills these menus.
    role = django_filters.ChoiceFilter(
        label="Role", choices=[], method="filter_role", empty_label="Any role"
    )
    specialism = django_filters.ChoiceFilter(
        label="Specialism", choices=[], method="filter_role", empty_label="Any specialism"
    )
    # A text box, not a menu: a region has thousands of schools. It takes a school's name (or
    # part of it), its URN, or its slug (links from a school page use the slug).
    school = django_filters.CharFilter(
        label="School",
        method="filter_school",
        widget=forms.TextInput(attrs={"placeholder": "Name or URN"}),
    )
    # "SLEs in primary schools": a school's name does not always say its phase.
    phase = django_filters.ChoiceFilter(
        label="School phase",
        method="filter_phase",
        choices=Phase.choices,
        empty_label="Any phase",
    )
    partnership = name_box("Partnership", "filter_partnership")
    group = name_box("Network group", "filter_group")
    qualification = django_filters.ChoiceFilter(
        label="Programme or qualification",
        choices=[],
        method="filter_qualification",
        empty_label="Any",
    )
    year_group = django_filters.ChoiceFilter(
        label="Year group taught", choices=[], method="filter_year_group", empty_label="Any"
    )
    organisation = django_filters.CharFilter(
        label="Outside organisation",
        method="filter_organisation",
        widget=forms.TextInput(attrs={"placeholder": "Part of its name"}),
    )
    designation = django_filters.ChoiceFilter(
        label="SLE or NLE designation",
        method="filter_designation",
        choices=Designation.Status.choices,
        empty_label="Any or none",
    )

    class Meta:
        model = Person
        fields = ["q", "role", "specialism", "school", "phase", "partnership", "group"]
        fields += ["qualification", "year_group", "organisation", "designation"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Set by filter_queryset: the role filtered on is held by more than ID_LIST_LIMIT, so
        # its holders are found in name order one by one, and a page should be counted apart
        # (alliance.lib.paging) rather than read a thousand keys that way.
        self.many_holders = False
        menus = vocabularies()
        self.filters["role"].extra["choices"] = menus["roles"]
        self.filters["specialism"].extra["choices"] = menus["specialisms"]
        self.filters["qualification"].extra["choices"] = menus["qualifications"]
        self.filters["year_group"].extra["choices"] = menus["year_groups"]
        self.crowded_roles = frozenset(menus["crowded_roles"])
        # What the form's menus show, for the rendered form kept by it (alliance.lib.fragments).
        self.vocabulary_version = tuple(
            tuple(map(tuple, menus[name]))
            for name in ("roles", "specialisms", "qualifications", "year_groups")
        )

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset = matching_name(queryset, value)
        if any(len(word) >= 3 for word in name_words(value)):
            # Ordering by an expression keeps the planner from walking the whole directory in
            # name order instead, hoping to meet twenty matches early.
            queryset = queryset.order_by(Lower("last_name"), Lower("first_name"), "pk")
        return queryset

    def filter_school(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        schools = School.objects.filter(
            Q(slug=value) | Q(urn=value) | Q(name__icontains=value)
        ).values("pk")
        return queryset.filter(school__in=schools)

    def filter_phase(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(school__in=School.objects.filter(phase=value).values("pk"))

    def filter_role(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # Role and specialism are applied together in filter_queryset.
        return queryset

    def filter_partnership(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Staff of the named partnerships' current member schools and partner organisations."""
        partnerships = Partnership.objects.named(value)
        member_schools = (
            Membership.objects.current().filter(partnership__in=partnerships).values("school")
        )
        partners = PartnerOrganisation.objects.filter(partnerships__in=partnerships).values("pk")
        return queryset.filter(Q(school__in=member_schools) | Q(organisation__in=partners))

    def filter_group(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Members, chairs and co-leads of the named network groups."""
        groups = NetworkGroup.objects.named(value)
        members = NetworkGroup.members.through.objects.filter(networkgroup__in=groups)
        chairs = groups.exclude(chair=None).values("chair")
        co_chairs = GroupChair.objects.current().filter(group__in=groups).values("person")
        return queryset.filter(
            Q(pk__in=members.values("person")) | Q(pk__in=chairs) | Q(pk__in=co_chairs)
        )

    def filter_qualification(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Holders of the programme or qualification ("NPQH")."""
        held = PersonQualification.objects.filter(qualification=_id_of(Qualification, value))
        return queryset.filter(pk__in=held.values("person"))

    def filter_year_group(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Those who teach the year group ("Year 2", for Year 2 moderation)."""
        teach = Person.year_groups.through.objects.filter(
            yeargroup=Subquery(YearGroup.objects.filter(code=value).values("pk")[:1])
        )
        return queryset.filter(pk__in=teach.values("person"))

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """People who work for, or hold a role at, the named outside organisations."""
        value = value.strip()
        organisations = PartnerOrganisation.objects.filter(name__icontains=value).values("pk")
        roles = RoleAssignment.objects.filter(organisation__in=organisations)
        return queryset.filter(Q(organisation__in=organisations) | Q(pk__in=roles.values("person")))

    def filter_designation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """People with an SLE or NLE designation in that state."""
        return queryset.filter(pk__in=Designation.objects.filter(status=value).values("person"))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        role = self.form.cleaned_data.get("role")
        specialism = self.form.cleaned_data.get("specialism")
        if role or specialism:
            held = RoleAssignment.objects.current(timezone.localdate())
            # By id, looked up once (an InitPlan), so that testing one person's roles is a
            # read of role_person_idx alone, with no join to the vocabulary per person.
            if role:
                held = held.filter(role_type=_id_of(RoleType, role))
            if specialism:
                held = held.filter(specialism=_id_of(Specialism, specialism))
            # Most roles are held by a few thousand people at most: their ids first (one short
            # index read), so the page query sorts those few. A common role (tens of thousands
            # of holders) keeps the subquery: the directory is walked in name order from
            # person_directory_idx, each person tested from role_person_idx, until the cap.
            # A role alone that the vocabularies know many hold: no list of ids to read first.
            crowded = role in self.crowded_roles and not specialism
            ids = (
                []
                if crowded
                else list(held.order_by().values_list("person_id", flat=True)[: ID_LIST_LIMIT + 1])
            )
            if crowded or len(ids) > ID_LIST_LIMIT:
                queryset = queryset.filter(pk__in=held.values("person"))
                self.many_holders = True
            else:
                queryset = queryset.filter(pk__in=id_list(ids))
        return queryset

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(field, label, shown value) for each filter in use, for the removable tags."""
        if not self.is_bound or not self.form.is_valid():
            return []
        active = []
        for field_name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[field_name]
            if hasattr(field, "choices"):
                shown = dict(field.choices).get(value, value)
            elif field_name == "school":
                # A link from a school page carries its slug: show the school's name instead.
                shown = School.objects.filter(slug=value).values_list("name", flat=True).first()
                shown = shown or value
            else:
                shown = value
            active.append((field_name, field.label, str(shown)))
        return active
