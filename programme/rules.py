"""Who may see a programme, run it, choose sessions and present."""

from __future__ import annotations

from alliance.permissions import person_of
from events.models import Event
from events.rules import can_organise_event, can_view_event, can_view_event_minutes
from programme.models import Session


def can_view_programme(user, event: Event) -> bool:
    """Whoever may see the event sees its programme."""
    return can_view_event(user, event)


def can_edit_programme(user, event: Event) -> bool:
    """Those who organise the event run its programme."""
    return can_organise_event(user, event)


def can_choose_sessions(user, event: Event) -> bool:
    """Members with a profile who may see the event; the service checks their registration."""
    return person_of(user) is not None and can_view_event(user, event)


def is_presenter(user, session: Session) -> bool:
    """Asks the session's presenters, prefetched or not (one query at most)."""
    person = person_of(user)
    return person is not None and any(p.pk == person.pk for p in session.presenters.all())


def can_manage_session(user, session: Session, event: Event) -> bool:
    """The event's organisers and the session's presenters: they see who chose it and add
    its documents."""
    return can_organise_event(user, event) or is_presenter(user, session)


def can_read_session_documents(user, event: Event) -> bool:
    """A session's slides are for signed-in members, as the event's own papers are."""
    return can_view_event_minutes(user, event)
