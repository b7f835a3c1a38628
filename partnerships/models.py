"""Partnerships (alliances, trusts, clusters...), the schools in them, and their network groups."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from alliance.lib.history import ChangesOnlyHistory
from alliance.lib.nested import json_rows
from alliance.lib.urls import reverse_row
from partnerships.choices import Cadence, Focus, MembershipRole, PartnershipKind
from partnerships.messages import closed_school_message, overlap_message
from partnerships.querysets import VISIBILITY, NetworkGroupQuerySet, _named
from people.models import Person, RoleAssignment


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def named(self, text: str) -> PartnershipQuerySet:
        return _named(self, text, slug=True)

    def published(self) -> PartnershipQuerySet:
        return self.filter(is_published=True)

    def with_page_lists(self, user) -> PartnershipQuerySet:
        """For the partnership page: its aims and commitments, the clusters `user` may see and
        its partner organisations, read with each partnership as short JSON lists
        (alliance.lib.nested) rather than a query each."""
        partnership = OuterRef("pk")
        return self.annotate(
            statement_rows=json_rows(
                Statement.objects.filter(partnership=partnership),
                link="partnership",
                fields=["id", "kind", "text", "position"],
            ),
            child_rows=json_rows(
                Partnership.objects.visible_to(user).filter(parent=partnership),
                link="parent",
                fields=["id", "name", "slug", "kind"],
            ),
            organisation_rows=json_rows(
                PartnerOrganisation.objects.filter(partnerships=partnership),
                link="partnerships",
                fields=["id", "name", "kind", "website"],
            ),
        )

    def visible_to(self, user) -> PartnershipQuerySet:
        return VISIBILITY.filter(self, user)

    def for_list(self) -> PartnershipQuerySet:
        """The partnership list's rows with their parent and current member count: 1 query."""
        today = timezone.localdate()
        return (
            self.select_related("parent")
            .annotate(
                member_count=Count(
                    "memberships",
                    filter=Q(memberships__left_on__isnull=True)
                    | Q(memberships__left_on__gte=today),
                    distinct=True,
                )
            )
            # Meta.ordering does not apply to queries with GROUP BY.
            .order_by("name", "pk")
        )

    def for_person(self, person) -> PartnershipQuerySet:
        """Partnerships `person`'s school currently belongs to, or whose membership they
        coordinate, for "my partnerships" on the home page: 1 query."""
        today = timezone.localdate()
        current = Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=today)
        mine = Q(memberships__coordinator=person)
        if person.school_id:
            mine |= Q(memberships__school_id=person.school_id)
        return self.filter(current & mine).distinct()


class Partnership(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=40, choices=PartnershipKind, default=PartnershipKind.OTHER)
    description = models.TextField(blank=True)
    lead_school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_partnerships",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="E.g. the town partnership that this cluster belongs to.",
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(
        "published", default=False, help_text="Published partnerships have a public page."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = ChangesOnlyHistory(excluded_fields=["created_at", "updated_at"])

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="partnership_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="partnership_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_row("partnerships:detail", slug=self.slug)


class Statement(models.Model):
    """One aim or commitment of a partnership, in the order the coordinator gives."""

    class Kind(models.TextChoices):
        AIM = "aim", "Aim"
        COMMITMENT = "commitment", "Commitment"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="statements"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "id"]
        indexes = [
            models.Index(fields=["partnership", "kind", "position"], name="statement_order_idx")
        ]

    def __str__(self) -> str:
        return self.text


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gte=on))

    def past(self, on: datetime.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(left_on__lt=on)

    def overlapping(
        self,
        *,
        school_id: int,
        partnership_id: int,
        joined_on: datetime.date | None,
        left_on: datetime.date | None,
    ) -> MembershipQuerySet:
        """Memberships of the school in the partnership whose dates meet [joined_on, left_on].

        Both ends are inclusive and an empty date is open-ended, as in the database's
        exclusion constraint over daterange(joined_on, left_on, '[]').
        """
        rows = self.filter(school_id=school_id, partnership_id=partnership_id)
        if left_on is not None:
            rows = rows.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=left_on))
        if joined_on is not None:
            rows = rows.filter(Q(left_on__isnull=True) | Q(left_on__gte=joined_on))
        return rows

    def for_partnership_page(self) -> MembershipQuerySet:
        """Members with their school, coordinator and, for the at-a-glance panel, the number of
        the school's staff holding a current alliance role: 1 query whatever the number of
        members (the count is a correlated subquery, not a query per school)."""
        staff_with_roles = (
            Person.objects.active()
            .filter(
                school_id=OuterRef("school_id"),
                pk__in=RoleAssignment.objects.current().values("person_id"),
            )
            .order_by()
            .values("school_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            self.select_related("school", "coordinator")
            # What the page shows and charts: a school row alone has some fifty columns.
            .only(
                "role",
                "joined_on",
                "left_on",
                "partnership_id",
                "school__name",
                "school__slug",
                "school__phase",
                "school__status",
                "school__ofsted_grade",
                "coordinator__first_name",
                "coordinator__last_name",
                "coordinator__preferred_name",
                "coordinator__email",
                "coordinator__contact_visibility",
                "coordinator__erased_at",
                "coordinator__school",
                "coordinator__organisation",
            )
            .annotate(staff_with_roles=Coalesce(Subquery(staff_with_roles), 0))
            .order_by("school__name", "joined_on")
        )


class Membership(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=MembershipRole, default=MembershipRole.MEMBER)
    coordinator = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_memberships",
        help_text="The school's coordinator for this partnership.",
    )
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    hosts_meetings = models.BooleanField(
        default=True, help_text="Untick if the school has opted out of hosting rotating meetings."
    )

    history = ChangesOnlyHistory()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["school__name"]
        constraints = [
            # One open-ended membership per school and partnership; overlapping dated ones are
            # refused by the form and, on PostgreSQL, by an exclusion constraint.
            models.UniqueConstraint(
                fields=["school", "partnership"],
                condition=Q(left_on__isnull=True),
                name="membership_one_current_per_school",
                violation_error_message=(
                    "This school already has a membership of this partnership with no end date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True)
                | Q(left_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.partnership}"

    def clean(self) -> None:
        """Refuse dates that overlap another membership of the same school and partnership."""
        super().clean()
        if not (self.school_id and self.partnership_id):
            return
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError(
                {"left_on": "The date the school left must be on or after the date it joined."}
            )
        clash = (
            Membership.objects.overlapping(
                school_id=self.school_id,
                partnership_id=self.partnership_id,
                joined_on=self.joined_on,
                left_on=self.left_on,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(overlap_message(clash), code="membership_overlap")
        closed = self.school.closed_on
        if closed and (self.joined_on > closed if self.joined_on else self._state.adding):
            raise ValidationError(
                {"joined_on": closed_school_message(self.school.name, closed)},
                code="membership_after_close",
            )

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on >= timezone.localdate()


class PartnerOrganisation(models.Model):
    """An organisation that is not a school: a university, local authority, maths hub..."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", "University"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        NATIONAL_BODY = "national_body", "National body"
        MATHS_HUB = "maths_hub", "Maths hub"
        NURSERY = "nursery", "Nursery"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    partnerships = models.ManyToManyField(
        Partnership, blank=True, related_name="partner_organisations"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkGroup(models.Model):
    """A standing group inside a partnership around a focus, e.g. the SEND network."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="network_groups"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220)
    focus = models.CharField(max_length=20, choices=Focus, default=Focus.OTHER)
    description = models.TextField(blank=True)
    chair = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_groups",
    )
    members = models.ManyToManyField("people.Person", blank=True, related_name="network_groups")
    cadence = models.CharField(max_length=20, choices=Cadence, default=Cadence.HALF_TERMLY)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporting_groups",
        help_text="The group this one feeds back to, e.g. the heads' network.",
    )

    history = ChangesOnlyHistory(m2m_fields=[members])

    objects = NetworkGroupQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"], name="network_group_slug_unique_in_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_row("partnerships:group", slug=self.partnership.slug, group_slug=self.slug)
