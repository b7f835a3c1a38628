"""Writes: who reviewed a school, the report they wrote, and whom the head shares it with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from events.models import Event, EventKind
from people.models import Person
from reviews.models import Review


class ReviewError(Exception):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@transaction.atomic
def review_reviewers_set(*, event: Event, reviewers: Iterable[Person], user) -> Review:
    """Name the reviewers of a review day (creating its review, for the school it hosts)."""
    if event.kind != EventKind.REVIEW_DAY:
        raise ReviewError("Only a school review day has reviewers.", code="not_review_day")
    review = Review.objects.select_for_update().filter(event=event).first()
    if review is None:
        if event.host_school_id is None:
            raise ReviewError(
                "Set the school being reviewed as the event's host school first.",
                code="no_school",
            )
        review = Review(event=event, school_id=event.host_school_id, created_by=user)
        review.full_clean(exclude=["event"])
        review.save()
    reviewers = list(reviewers)
    if any(person.school_id == review.school_id for person in reviewers):
        raise ReviewError(
            "A school's own staff do not review it: choose reviewers from other schools.",
            code="own_school",
        )
    review.reviewers.set(reviewers)
    return review


@transaction.atomic
def reviews_create_for_days(*, visits: Sequence[tuple[Event, Sequence[int]]], user) -> None:
    """The reviews of review days just planned: each day's host school, reviewed by the
    visitors the coordinator confirmed in the rota planner."""
    for event, visitor_ids in visits:
        if event.kind != EventKind.REVIEW_DAY or event.host_school_id is None:
            continue
        review = Review.objects.create(event=event, school_id=event.host_school_id, created_by=user)
        review.reviewers.set(
            Person.objects.filter(pk__in=visitor_ids).exclude(school_id=event.host_school_id)
        )


@transaction.atomic
def review_report_save(*, review: Review, report: str, person: Person) -> Review:
    review.report = report
    review.report_updated_at = timezone.now()
    review.report_updated_by = person
    review.full_clean(exclude=["event"])
    review.save(update_fields=["report", "report_updated_at", "report_updated_by"])
    return review


@transaction.atomic
def review_share(*, review: Review, colleagues: Iterable[Person]) -> Review:
    """Let these colleagues of the reviewed school read its report (and nobody else named)."""
    colleagues = list(colleagues)
    if any(person.school_id != review.school_id for person in colleagues):
        raise ReviewError("Share the report with your own school's staff only.", code="outside")
    review.shared_with.set(colleagues)
    return review
