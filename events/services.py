"""Writes about events that touch more than one row: registrations, series, feed tokens.

Capacity is kept under concurrent requests by locking the event's row (SELECT ... FOR UPDATE)
for the length of the transaction: two people asking for the last place are served one after
the other, and the second one finds the event full.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from events.models import CalendarFeedToken, Event, EventKind, Registration, Rsvp
from people.models import Person
from programme.services import choices_release

Status = Registration.Status


class EventError(Exception):
    """A request the event cannot take, with a code views and tests can match."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


def _fill_places(event: Event) -> list[Registration]:
    """Promote the longest-waiting people while there are places. The event must be locked."""
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(
        "created_at", "id"
    )
    if event.capacity is not None:
        free = max(event.capacity - _confirmed_count(event), 0)
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
    return promoted


@transaction.atomic
def registration_create(*, event: Event, person: Person) -> Registration:
    """Register `person`: confirmed while there are places, otherwise on the waiting list."""
    event = _lock(event)
    if event.ends_at <= timezone.now():
        raise EventError("This event has already taken place.", code="past")
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing is not None:
        if existing.status != Status.CANCELLED:
            raise EventError("You are already registered for this event.", code="duplicate")
        # Coming back after cancelling joins the back of the queue.
        existing.delete()
    has_place = event.capacity is None or _confirmed_count(event) < event.capacity
    registration = Registration(
        event=event, person=person, status=Status.CONFIRMED if has_place else Status.WAITLISTED
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(*, event: Event, person: Person) -> Registration | None:
    """Cancel `person`'s place; the first person waiting takes it. Returns who was promoted."""
    event = _lock(event)
    registration = (
        Registration.objects.filter(event=event, person=person)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if registration is None:
        raise EventError("You are not registered for this event.", code="not_registered")
    was_confirmed = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    # Their sessions' places go to the people waiting for them.
    choices_release(event=event, person=person)
    if not was_confirmed:
        return None
    promoted = _fill_places(event)
    return promoted[0] if promoted else None


@transaction.atomic
def event_save(*, event: Event, user) -> Event:
    """Create or update an event; a larger capacity lets people off the waiting list.

    A meeting moved to another time keeps its identity (its calendar UID, so the notifications'
    next pass sends everyone invited an update) and loses its "going" answers, which no longer
    hold: the update asks again. Apologies stand."""
    moved = False
    if event.pk is None:
        event.created_by = user if user.is_authenticated else None
    else:
        before = _lock(event)
        moved = (before.starts_at, before.ends_at) != (event.starts_at, event.ends_at)
    event.full_clean()
    event.save()
    if moved:
        Rsvp.objects.filter(event=event, answer=Rsvp.Answer.GOING).delete()
    _fill_places(event)
    return event


@dataclass(frozen=True)
class SeriesRow:
    """One meeting of a planned series, as the coordinator confirmed it."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    host_school_id: int | None
    chair_id: int | None
    minute_taker_id: int | None
    venue: str = ""
    visitor_ids: Sequence[int] = field(default_factory=tuple)


@transaction.atomic
def event_series_create(
    *,
    rows: Sequence[SeriesRow],
    title: str,
    kind: str,
    partnership_id: int | None,
    network_group_id: int | None,
    capacity: int | None,
    is_published: bool,
    user,
) -> list[Event]:
    """Save a rota as events (all or none). Review-day visitors are registered as confirmed."""
    if not rows:
        raise EventError("A series needs at least one date.", code="empty_series")
    events = []
    for number, row in enumerate(rows, start=1):
        event = Event(
            title=f"{title} ({number} of {len(rows)})" if len(rows) > 1 else title,
            kind=kind,
            partnership_id=partnership_id,
            network_group_id=network_group_id,
            host_school_id=row.host_school_id,
            venue=row.venue,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            chair_id=row.chair_id,
            minute_taker_id=row.minute_taker_id,
            capacity=capacity,
            is_published=is_published,
            created_by=user if user.is_authenticated else None,
        )
        event.full_clean()
        event.save()
        events.append(event)
        if kind == EventKind.REVIEW_DAY and row.visitor_ids:
            Registration.objects.bulk_create(
                Registration(event=event, person_id=visitor_id, status=Status.CONFIRMED)
                for visitor_id in row.visitor_ids
            )
    return events


@transaction.atomic
def feed_token_regenerate(*, person: Person) -> CalendarFeedToken:
    """A new private feed URL for `person`; the old one stops working at once."""
    CalendarFeedToken.objects.filter(person=person).delete()
    return CalendarFeedToken.objects.create(person=person)


@transaction.atomic
def feed_token_revoke(*, person: Person) -> None:
    CalendarFeedToken.objects.filter(person=person).delete()
