"""Partnerships (alliances, trusts, clusters...), the schools in them, and their network groups."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class PartnershipKind(models.TextChoices):
    ALLIANCE = "alliance", "Alliance"
    TRUST = "trust", "Trust"
    REGIONAL_CLUSTER = "regional_cluster", "Regional cluster"
    TEACHING_SCHOOL_ALLIANCE = "teaching_school_alliance", "Teaching-school alliance"
    ITT_PARTNERSHIP = "itt_partnership", "ITT/SCITT partnership"
    UNIVERSITY_PARTNERSHIP = "university_partnership", "University partnership"
    MATHS_HUB = "maths_hub", "Maths hub"
    HEADS_NETWORK = "heads_network", "Heads' network"
    TRANSITION_PARTNERSHIP = "transition_partnership", "Transition partnership"
    OTHER = "other", "Other"


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def published(self) -> PartnershipQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user) -> PartnershipQuerySet:
        if user.is_authenticated:
            return self
        return self.published()


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
        return reverse("partnerships:detail", kwargs={"slug": self.slug})


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

    def __str__(self) -> str:
        return self.text


class MembershipRole(models.TextChoices):
    LEAD = "lead", "Lead"
    MEMBER = "member", "Member"
    ASSOCIATE = "associate", "Associate"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gte=on))

    def past(self, on: datetime.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(left_on__lt=on)


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


class Focus(models.TextChoices):
    SEND = "send", "SEND"
    MATHS = "maths", "Maths"
    READING = "reading", "Reading"
    WRITING = "writing", "Writing"
    EARLY_YEARS = "early_years", "Early years"
    SBM = "sbm", "School business managers"
    ATTENDANCE = "attendance", "Attendance"
    DEPUTY_HEADS = "deputy_heads", "Deputy heads"
    HEADS = "heads", "Headteachers"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    TRANSITION = "transition", "Transition"
    OTHER = "other", "Other"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    HALF_TERMLY = "half_termly", "Half-termly"
    TERMLY = "termly", "Termly"
    YEARLY = "yearly", "Yearly"
    AS_NEEDED = "as_needed", "As needed"


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
        return reverse(
            "partnerships:group",
            kwargs={"slug": self.partnership.slug, "group_slug": self.slug},
        )
