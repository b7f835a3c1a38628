"""Fetching programme objects for a request through their event: 404 when the user may not
see the event, 403 when they may see it but not do what they ask."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from events.views.access import get_event_for_user
from programme.models import Session, Slot
from programme.rules import can_edit_programme, can_manage_session
from programme.selectors import presenters_queryset

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
    request: HttpRequest, pk: int, *, action: SessionAction = "view"
) -> Session:
    """The session with its slot, presenters and event. "manage": its organisers and
    presenters; "edit": its organisers."""
    session = get_object_or_404(
        Session.objects.select_related("slot").prefetch_related(
            Prefetch("presenters", queryset=presenters_queryset())
        ),
        pk=pk,
    )
    event = get_event_for_user(request, session.slot.event_id)
    session.slot.event = event
    if action == "manage" and not can_manage_session(request.user, session, event):
        raise PermissionDenied
    if action == "edit" and not can_edit_programme(request.user, event):
        raise PermissionDenied
    return session
