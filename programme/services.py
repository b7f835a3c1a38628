"""Writes about programmes: choosing sessions, withdrawing, and editing slots and sessions.

Places are kept under concurrent requests by locking session rows (SELECT ... FOR UPDATE),
always in primary-key order so that two requests never wait for each other's locks. A choice
locks every session of its slot (a handful): whoever frees a place in one session and takes
a place in another of the same slot is served whole, and two people asking for the last place
are served one after the other, the second finding the session full. Whenever a confirmed
place is given up, the longest-waiting person of that session takes it, so nobody waits while
a place is free.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from events.models import Event
from people.models import Person
from programme.models import Choice, Session, Slot
from programme.selectors import is_registered

Status = Choice.Status


class ProgrammeError(Exception):
    """A request the programme cannot take, with a code views and tests can match."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _lock_sessions(session_ids: Iterable[int]) -> dict[int, Session]:
    """Lock the sessions in primary-key order; the rows as they stand once locked."""
    ids = sorted(set(session_ids))
    if not ids:
        return {}
    rows = Session.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {session.pk: session for session in rows}


def _lock_slot(slot_id: int) -> dict[int, Session]:
    ids = Session.objects.filter(slot_id=slot_id).values_list("pk", flat=True)
    return _lock_sessions(list(ids))


def _confirmed_count(session: Session) -> int:
    return Choice.objects.filter(session=session, status=Status.CONFIRMED).count()


def _fill_places(session: Session) -> list[Choice]:
    """Promote the longest-waiting people while the session has places. It must be locked."""
    waiting = Choice.objects.filter(session=session, status=Status.WAITLISTED).order_by(
        "created_at", "id"
    )
    if session.capacity is not None:
        free = max(session.capacity - _confirmed_count(session), 0)
        waiting = waiting[:free]
    promoted = list(waiting)
    now = timezone.now()
    if promoted:
        Choice.objects.filter(pk__in=[c.pk for c in promoted]).update(
            status=Status.CONFIRMED, promoted_at=now
        )
    for choice in promoted:
        choice.status, choice.promoted_at = Status.CONFIRMED, now
    return promoted


@transaction.atomic
def choice_make(*, person: Person, session: Session) -> Choice:
    """`person` takes `session` in its slot: confirmed while it has places, otherwise on its
    waiting list. A choice of another session in the same slot is replaced: its place goes
    to the first person waiting there. Choosing the session already chosen changes nothing."""
    session = Session.objects.select_related("slot__event").get(pk=session.pk)
    event = session.slot.event
    if event.is_cancelled:
        raise ProgrammeError("This event is cancelled.", code="cancelled")
    if event.ends_at <= timezone.now():
        raise ProgrammeError("This event has already taken place.", code="past")
    if session.kind == Session.Kind.BREAK:
        raise ProgrammeError("A break is for everyone: there is nothing to choose.", code="break")
    if not is_registered(person, event):
        raise ProgrammeError(
            "Register for the event (with a confirmed place) before choosing sessions.",
            code="not_registered",
        )
    locked = _lock_slot(session.slot_id)
    session = locked[session.pk]
    existing = Choice.objects.filter(slot_id=session.slot_id, person=person).first()
    if existing is not None and existing.session_id == session.pk:
        return existing
    freed = None
    if existing is not None:
        if existing.status == Status.CONFIRMED:
            freed = locked.get(existing.session_id)
        existing.delete()
    has_place = session.capacity is None or _confirmed_count(session) < session.capacity
    choice = Choice(
        slot_id=session.slot_id,
        session=session,
        person=person,
        status=Status.CONFIRMED if has_place else Status.WAITLISTED,
    )
    choice.save()
    if freed is not None:
        _fill_places(freed)
    return choice


@transaction.atomic
def choice_withdraw(*, person: Person, slot: Slot) -> Choice:
    """Drop `person`'s choice in `slot`; the first person waiting takes a freed place.
    Returns the choice withdrawn (no longer saved)."""
    locked = _lock_slot(slot.pk)
    choice = Choice.objects.filter(slot=slot, person=person).first()
    if choice is None:
        raise ProgrammeError("You have no session chosen at that time.", code="no_choice")
    was_confirmed = choice.status == Status.CONFIRMED
    choice.delete()
    if was_confirmed and choice.session_id in locked:
        _fill_places(locked[choice.session_id])
    return choice


@transaction.atomic
def choices_release(*, event: Event, person: Person) -> int:
    """Drop all of `person`'s choices for `event` (their registration is cancelled), letting
    the first people waiting into the places freed. Returns how many were dropped."""
    choices = list(Choice.objects.filter(slot__event=event, person=person))
    if not choices:
        return 0
    locked = _lock_sessions(c.session_id for c in choices)
    freed = {c.session_id for c in choices if c.status == Status.CONFIRMED}
    Choice.objects.filter(pk__in=[c.pk for c in choices]).delete()
    for session_id in sorted(freed):
        _fill_places(locked[session_id])
    return len(choices)


@transaction.atomic
def choices_release_all(*, event: Event) -> int:
    """The event is called off: nobody's choices stand any more."""
    deleted, _ = Choice.objects.filter(slot__event=event).delete()
    return deleted


@transaction.atomic
def slot_save(*, slot: Slot) -> Slot:
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def session_save(*, session: Session, presenters: Iterable[Person] | None = None) -> Session:
    """Create or update a session (and its presenters when given); a larger capacity lets
    the first people waiting in."""
    if session.pk is not None:
        _lock_sessions([session.pk])
    session.full_clean()
    session.save()
    if presenters is not None:
        session.presenters.set(presenters)
    _fill_places(session)
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    """Delete a session nobody has chosen (the choices would vanish without a word)."""
    _lock_sessions([session.pk])
    if Choice.objects.filter(session=session).exists():
        raise ProgrammeError("People have chosen it: it cannot be deleted.", code="has_choices")
    session.delete()


@transaction.atomic
def slot_delete(*, slot: Slot) -> None:
    """Delete a slot with no sessions."""
    if slot.sessions.exists():
        raise ProgrammeError("Delete the slot's sessions first.", code="has_sessions")
    slot.delete()
