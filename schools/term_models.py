"""Term dates: half terms, holidays and INSET days, owned by a school, by a local authority,
or by the alliance as a whole (no owner). schools.calendar reads them as each school's
effective calendar: its own dates, else its local authority's, else the alliance's."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class TermPeriodKind(models.TextChoices):
    TERM = "term", "Half term"
    HOLIDAY = "holiday", "Holiday"
    INSET = "inset", "INSET day"


class TermPeriodQuerySet(models.QuerySet["TermPeriod"]):
    def alliance_wide(self) -> TermPeriodQuerySet:
        return self.filter(school__isnull=True, local_authority="")

    def for_schools(self, schools) -> TermPeriodQuerySet:
        """Every row that may shape the calendars of `schools`: their own, their local
        authorities' and the alliance's. One query, whatever the number of schools."""
        ids = [s.pk for s in schools]
        authorities = {s.local_authority for s in schools if s.local_authority}
        return self.filter(
            Q(school_id__in=ids)
            | Q(school__isnull=True, local_authority__in=authorities)
            | Q(school__isnull=True, local_authority="")
        ).order_by("first_day", "pk")


class TermPeriod(models.Model):
    """One half term (the days pupils are in school), holiday or run of INSET days."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="term_periods",
        help_text="Empty for a local authority's or the alliance's dates.",
    )
    local_authority = models.CharField(
        max_length=100,
        blank=True,
        help_text="The local authority's name as schools have it; empty (and no school) for "
        "the alliance's own dates.",
    )
    kind = models.CharField(max_length=10, choices=TermPeriodKind, default=TermPeriodKind.TERM)
    name = models.CharField(max_length=100, blank=True, help_text="For example Autumn 1.")
    first_day = models.DateField()
    last_day = models.DateField()

    objects = TermPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["first_day", "pk"]
        verbose_name = "term date"
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="term_period_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(school__isnull=True) | Q(local_authority=""),
                name="term_period_one_owner",
                violation_error_message="Dates belong to a school or to a local authority, "
                "not both.",
            ),
        ]
        indexes = [models.Index(fields=["local_authority", "first_day"], name="term_la_idx")]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{label}: {self.first_day:%-d %b %Y} to {self.last_day:%-d %b %Y} ({self.owner})"

    @property
    def owner(self) -> str:
        if self.school_id:
            return str(self.school)
        return self.local_authority or "the alliance"
