"""The people directory's filters: name, role, specialism, school, school phase, partnership,
network group.

Every filter narrows with `pk IN (subquery)` rather than a join, so filters combine without
duplicating rows and the count stays exact. Role and specialism together mean one role with
that specialism ("an SLE for maths"), not an SLE who also has some maths role.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from partnerships.models import Membership, NetworkGroup, PartnerOrganisation, Partnership
from people.models import Person, RoleAssignment, RoleType, Specialism
from schools.models import Phase, School


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Name",
        method="filter_name",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    role = django_filters.ModelChoiceFilter(
        label="Role",
        queryset=RoleType.objects.all(),
        to_field_name="slug",
        method="filter_role",
        empty_label="Any role",
    )
    specialism = django_filters.ModelChoiceFilter(
        label="Specialism",
        queryset=Specialism.objects.all(),
        to_field_name="slug",
        method="filter_role",
        empty_label="Any specialism",
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
    partnership = django_filters.ModelChoiceFilter(
        label="Partnership",
        queryset=Partnership.objects.only("pk", "slug", "name"),
        to_field_name="slug",
        method="filter_partnership",
        empty_label="Any partnership",
    )
    group = django_filters.ModelChoiceFilter(
        label="Network group",
        queryset=NetworkGroup.objects.select_related("partnership").only(
            "pk", "name", "partnership__name"
        ),
        method="filter_group",
        empty_label="Any network group",
    )

    class Meta:
        model = Person
        fields = ["q", "role", "specialism", "school", "phase", "partnership", "group"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["group"].label_from_instance = lambda group: (
            f"{group.name} ({group.partnership.name})"
        )
        self.form.fields["role"].label_from_instance = lambda role: (
            f"{role.name} ({role.abbreviation})"
            if role.abbreviation and role.abbreviation != role.name
            else role.name
        )

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Names only: searching e-mail or telephone would reveal contacts a person hid.
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(preferred_name__icontains=word)
            )
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

    def filter_partnership(self, queryset: QuerySet, name: str, value: Partnership) -> QuerySet:
        """Staff of the partnership's current member schools and of its partner organisations."""
        member_schools = Membership.objects.current().filter(partnership=value).values("school")
        partners = PartnerOrganisation.objects.filter(partnerships=value).values("pk")
        return queryset.filter(Q(school__in=member_schools) | Q(organisation__in=partners))

    def filter_group(self, queryset: QuerySet, name: str, value: NetworkGroup) -> QuerySet:
        members = NetworkGroup.members.through.objects.filter(networkgroup=value).values("person")
        return queryset.filter(Q(pk__in=members) | Q(pk=value.chair_id))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        role = self.form.cleaned_data.get("role")
        specialism = self.form.cleaned_data.get("specialism")
        if role or specialism:
            held = RoleAssignment.objects.current(timezone.localdate())
            if role:
                held = held.filter(role_type=role)
            if specialism:
                held = held.filter(specialism=specialism)
            queryset = queryset.filter(pk__in=held.values("person"))
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
            if hasattr(field, "queryset"):
                shown = field.label_from_instance(value)
            elif field_name == "phase":
                shown = Phase(value).label
            elif field_name == "school":
                # A link from a school page carries its slug: show the school's name instead.
                shown = School.objects.filter(slug=value).values_list("name", flat=True).first()
                shown = shown or value
            else:
                shown = value
            active.append((field_name, field.label, str(shown)))
        return active
