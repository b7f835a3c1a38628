"""Fetching events for a request: 404 when the user may not see it, 403 when they may see it
but not do what they ask."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from events.models import Event
from events.rules import can_organise_event, can_view_event, can_view_event_minutes
from partnerships.rules import chair_annotations, lend_chair_standing

Action = Literal["view", "organise", "minutes"]

_CHECKS = {"organise": can_organise_event, "minutes": can_view_event_minutes}


def get_event_for_user(request: HttpRequest, pk: int, *, action: Action = "view") -> Event:
    # Whether the user chairs the event's group comes with the row (the organiser checks).
    events = Event.objects.for_list().annotate(
        **chair_annotations(request.user, group="network_group")
    )
    event = get_object_or_404(events, pk=pk)
    lend_chair_standing(request.user, event, event.network_group)
    if not can_view_event(request.user, event):
        raise Http404("No such event.")
    check = _CHECKS.get(action)
    if check is not None and not check(request.user, event):
        raise PermissionDenied
    return event
