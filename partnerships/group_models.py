"""How a network group runs: its chairs and co-leads, who belonged when, and the objectives it
reports on. Imported by partnerships.models, so Django finds these with the app's models."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _held_on(on: datetime.date, start: str, end: str) -> Q:
    """Held from `start` up to, but not including, `end` (an empty date is open-ended)."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": on})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": on})
    )


class GroupChairQuerySet(models.QuerySet["GroupChair"]):
    def current(self, on: datetime.date | None = None) -> GroupChairQuerySet:
        return self.filter(_held_on(on or timezone.localdate(), "starts_on", "ends_on"))


class GroupChair(models.Model):
    """A person who chairs or co-leads a group, between two dates. Every current one has the
    chair's rights (partnerships.rules.chairs_group); `NetworkGroup.chair` names the first."""

    class Title(models.TextChoices):
        CHAIR = "chair", "Chair"
        CO_CHAIR = "co_chair", "Co-chair"
        CO_LEAD = "co_lead", "Co-lead"

    group = models.ForeignKey(
        "partnerships.NetworkGroup", on_delete=models.CASCADE, related_name="chairs"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="group_chairs"
    )
    title = models.CharField(max_length=20, choices=Title, default=Title.CO_CHAIR)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    objects = GroupChairQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["person", "group", "ends_on"], name="group_chair_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(ends_on__isnull=True),
                name="group_chair_one_open",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="group_chair_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_title_display()} of {self.group_id}"


class GroupMembershipQuerySet(models.QuerySet["GroupMembership"]):
    def current(self, on: datetime.date | None = None) -> GroupMembershipQuerySet:
        return self.filter(_held_on(on or timezone.localdate(), "joined_on", "left_on"))

    def past(self, on: datetime.date | None = None) -> GroupMembershipQuerySet:
        return self.filter(left_on__lte=on or timezone.localdate())


class GroupMembership(models.Model):
    """Who belonged to a group when. `NetworkGroup.members` are the people with an open row,
    kept so by partnerships.services.group_update; a member who leaves keeps a dated row."""

    group = models.ForeignKey(
        "partnerships.NetworkGroup", on_delete=models.CASCADE, related_name="membership_periods"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="group_membership_periods"
    )
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "pk"]
        indexes = [models.Index(fields=["group", "left_on"], name="group_membership_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(left_on__isnull=True),
                name="group_membership_one_open",
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True)
                | Q(left_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="group_membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Member of {self.group_id} from {self.joined_on or 'the start'}"


class GroupObjective(models.Model):
    """Something a group sets out to achieve, with progress notes from its chairs: what it
    reports to the heads of the partnership's schools."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        ACHIEVED = "achieved", "Achieved"

    group = models.ForeignKey(
        "partnerships.NetworkGroup", on_delete=models.CASCADE, related_name="objectives"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True, max_length=2000)
    due_on = models.DateField("to achieve by", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.NOT_STARTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ObjectiveNote(models.Model):
    """A dated progress note on an objective. `author` and `text` are personal data of the
    person who wrote it (name them in erasure and the subject access archive)."""

    objective = models.ForeignKey(GroupObjective, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objective_notes",
    )
    text = models.TextField("progress note", max_length=2000)
    written_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"Note of {self.written_on:%d %b %Y}"
