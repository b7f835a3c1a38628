"""Fetching programme objects for a request through their event: 404 when the user may not
see the event, 403 when they may see it but not do what they ask."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from alliance.permissions import person_of
from events.views.access import get_event_for_user
from programme.models import Session, Slot
from programme.rules import can_edit_programme, can_manage_session
from programme.selectors import (
    count_annotations,
    own_choice,
    own_choice_rows,
    presenters_queryset,
)

SessionAction = Literal["view", "manage", "edit"]


def get_slot_for_user(
    request: HttpRequest, pk: int, *, action: Literal["view", "edit"] = "view"
) -> Slot:
    """The slot and its event (the event as events.views.access fetches it)."""
    slot = get_object_or_404(Slot, pk=pk)
    event = get_event_for_user(request, slot.event_id)
    slot.event = event
    if action == "edit" and not can_edit_programme(request.user, event):
        raise PermissionDenied
    return slot


def get_session_for_user(
    request: HttpRequest, pk: int, *, action: SessionAction = "view", page: bool = False
) -> Session:
    """The session with its slot, presenters and event. "manage": its organisers and
    presenters; "edit": its organisers. With `page`, what the session's page shows comes with
    its row: its counts of choices (`count_annotations`) and `mine`, the user's choice of it
    (or None)."""
    sessions = Session.objects.select_related("slot").prefetch_related(
        Prefetch("presenters", queryset=presenters_queryset())
    )
    person = person_of(request.user) if page else None
    if page:
        sessions = sessions.annotate(**count_annotations())
    if person is not None:
        sessions = sessions.annotate(mine_rows=own_choice_rows(person, link="session_id"))
    session = get_object_or_404(sessions, pk=pk)
    if page:
        session.mine = own_choice(session.__dict__.pop("mine_rows", None))
    event = get_event_for_user(request, session.slot.event_id)
    session.slot.event = event
    if action == "manage" and not can_manage_session(request.user, session, event):
        raise PermissionDenied
    if action == "edit" and not can_edit_programme(request.user, event):
        raise PermissionDenied
    return session
