"""Designations: a Specialist or National Leader of Education, designated in an area of
expertise on a date, reviewed by a date, and where the designation stands."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DesignationQuerySet(models.QuerySet["Designation"]):
    def review_due_between(self, start: datetime.date, end: datetime.date):
        """Designations still in force whose review falls from `start` to `end`."""
        return self.exclude(status=Designation.Status.LAPSED).filter(
            review_due__gte=start, review_due__lte=end
        )


class Designation(models.Model):
    class Kind(models.TextChoices):
        SLE = "sle", "Specialist Leader of Education"
        NLE = "nle", "National Leader of Education"

    class Status(models.TextChoices):
        DESIGNATED = "designated", "Designated"
        UNDER_REVIEW = "under_review", "Under review"
        LAPSED = "lapsed", "Lapsed"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="designations"
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.SLE)
    area = models.ForeignKey(
        "people.Specialism",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designations",
        verbose_name="area of expertise",
    )
    designated_on = models.DateField()
    review_due = models.DateField(
        null=True, blank=True, help_text="SLEs are usually reviewed four years after designation."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DESIGNATED)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-designated_on", "pk"]
        indexes = [
            models.Index(fields=["status", "person"], name="designation_status_idx"),
            models.Index(fields=["review_due"], name="designation_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_due__isnull=True) | Q(review_due__gte=models.F("designated_on")),
                name="designation_review_after_designation",
                violation_error_message="The review falls on or after the designation.",
            )
        ]

    def __str__(self) -> str:
        label = self.Kind(self.kind).name
        return f"{label} ({self.area})" if self.area_id else label

    @property
    def review_is_soon(self) -> bool:
        """In force, with its review due within the next 90 days (or overdue)."""
        soon = timezone.localdate() + datetime.timedelta(days=90)
        return bool(
            self.review_due and self.status != self.Status.LAPSED and self.review_due <= soon
        )


# What a person page reads of each designation, folded into the person's row
# (PersonQuerySet.for_profile, alliance.lib.nested).
PROFILE_FIELDS = ["id", "kind", "status", "designated_on", "review_due", "area_id", "area__name"]


def from_rows(rows: list[dict] | None) -> list[Designation]:
    """Unsaved Designation rows, as a page shows them, from for_profile's JSON rows, each with
    the name of its area of expertise as `area_name`."""
    designations = []
    for row in rows or []:
        designation = Designation(
            pk=row["id"],
            kind=row["kind"],
            status=row["status"],
            designated_on=datetime.date.fromisoformat(row["designated_on"]),
            review_due=datetime.date.fromisoformat(row["review_due"])
            if row["review_due"]
            else None,
        )
        designation.area_name = row["area__name"] or ""
        designations.append(designation)
    return sorted(designations, key=lambda d: (d.kind, d.designated_on), reverse=True)
