"""Review days: which school was reviewed, by whom, and the private report they wrote for it.

A review day is an events.Event of kind REVIEW_DAY hosted by the school reviewed (the rota
planner plans them so: events.rota.review_day_rota). The event is public like any other; who
reviewed and what they wrote is not. Registration for the event grants nothing here: the
reviewers are the people the coordinator confirmed (in the rota planner or on the reviewers
page), so nobody becomes a reader of a school's report by signing up for its day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from events.models import Event

# A review report is a few pages at most.
REPORT_MAX_LENGTH = 30000


class ReviewQuerySet(models.QuerySet["Review"]):
    def readable_by(self, person) -> ReviewQuerySet:
        """Reviews whose report `person` may read: as the reviewed school's head, a colleague
        the head named, or a reviewer of the day. (Admins read all: reviews.rules.)"""
        if person is None:
            return self.none()
        through_reviewers = Review.reviewers.through.objects.filter(
            review=OuterRef("pk"), person=person
        )
        through_shared = Review.shared_with.through.objects.filter(
            review=OuterRef("pk"), person=person
        )
        return self.filter(
            Q(school__headteacher=person) | Exists(through_reviewers) | Exists(through_shared)
        )

    def for_list(self) -> ReviewQuerySet:
        """The list's rows: the day and the school named, one query."""
        return self.select_related("event", "school").order_by("-event__starts_at", "pk")


class Review(models.Model):
    """One school's review on one review day."""

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="review",
        limit_choices_to={"kind": "review_day"},
        primary_key=True,
    )
    # Kept apart from the event's host school: moving the event to another host must not hand
    # this school's report to that school's head.
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    reviewers = models.ManyToManyField("people.Person", related_name="reviews_given", blank=True)
    report = models.TextField(blank=True, max_length=REPORT_MAX_LENGTH)
    report_updated_at = models.DateTimeField(null=True, blank=True)
    report_updated_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Colleagues the reviewed school's head lets read the report.
    shared_with = models.ManyToManyField("people.Person", related_name="+", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-event__starts_at"]

    def __str__(self) -> str:
        return f"Review of {self.school} on {self.event.starts_at:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.event_id])
