"""Posts: the dated jobs a person holds at schools, so moving school keeps the past.

`Person.school` stays the person's current school (what permissions, filters, imports and the
directory read); people.careers is the one service that records posts and keeps it true.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance.lib.history import ChangesOnlyHistory


class PostQuerySet(models.QuerySet["Post"]):
    """A post is held from `starts_on` up to, but not including, `ends_on`, like a role."""

    def current(self, on: datetime.date | None = None) -> PostQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=on)
        )

    def past(self, on: datetime.date | None = None) -> PostQuerySet:
        on = on or timezone.localdate()
        return self.filter(ends_on__lte=on)


class Post(models.Model):
    """A person's job at a school between two dates (an empty end: they still hold it)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="posts")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="posts")
    job_title = models.CharField(max_length=150, blank=True)
    starts_on = models.DateField("from", null=True, blank=True)
    ends_on = models.DateField(
        "to", null=True, blank=True, help_text="The day the post ended. Empty while it is held."
    )

    objects = PostQuerySet.as_manager()
    history = ChangesOnlyHistory()

    class Meta:
        ordering = ["-starts_on", "pk"]
        indexes = [
            # A school's current staff, and a person's posts at one school.
            models.Index(fields=["school", "person", "ends_on"], name="post_school_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="post_dates_ordered",
                violation_error_message="A post ends on or after the day it starts.",
            )
        ]

    def __str__(self) -> str:
        title = self.job_title or "Staff"
        return f"{title} at {self.school}"

    def ended_by(self, on: datetime.date) -> bool:
        return self.ends_on is not None and self.ends_on <= on

    def is_current_on(self, on: datetime.date) -> bool:
        return (self.starts_on is None or self.starts_on <= on) and not self.ended_by(on)
