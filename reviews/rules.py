"""Who may read, write and share a review-day report, and who names the reviewers.

A report is for the reviewed school's head, the colleagues the head names, the reviewers of
the day, and admins: to anyone else it does not exist (404, never 403), so its existence is
not given away. Coordinators organise the day and name its reviewers, but read no report
unless they are one of those people.
"""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from events.models import Event, EventKind
from events.rules import can_organise_event
from reviews.models import Review


def _ids(review: Review, name: str) -> set[int]:
    """The person ids of a many-to-many, from its prefetch when the view made one."""
    cache = getattr(review, "_prefetched_objects_cache", {})
    if name in cache:
        return {person.pk for person in cache[name]}
    return set(getattr(review, name).values_list("pk", flat=True))


def is_reviewed_head(user, review: Review) -> bool:
    person = person_of(user)
    return person is not None and review.school.headteacher_id == person.pk


def is_reviewer(user, review: Review) -> bool:
    person = person_of(user)
    return person is not None and person.pk in _ids(review, "reviewers")


def can_view_review(user, review: Review) -> bool:
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return (
        review.school.headteacher_id == person.pk
        or person.pk in _ids(review, "reviewers")
        or person.pk in _ids(review, "shared_with")
    )


def can_write_report(user, review: Review) -> bool:
    """The reviewers of the day write the report."""
    return is_reviewer(user, review)


def can_share_review(user, review: Review) -> bool:
    """The reviewed school's head names who else reads it; admins may too, for support."""
    return is_admin(user) or is_reviewed_head(user, review)


def can_name_reviewers(user, event: Event) -> bool:
    """Those who organise a review day name its reviewers."""
    return event.kind == EventKind.REVIEW_DAY and can_organise_event(user, event)


def reviews_for(user):
    """The reviews whose report `user` may read: the list page's rows (one query)."""
    rows = Review.objects.for_list()
    if is_admin(user):
        return rows
    return rows.readable_by(person_of(user))
