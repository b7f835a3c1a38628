"""Fetching events for a request: 404 when the user may not see it, 403 when they may see it
but not do what they ask."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from alliance.permissions import person_of
from events.models import Attendance, Event
from events.rules import can_organise_event, can_view_event, can_view_event_minutes
from partnerships.models import Partnership
from partnerships.rules import chair_annotations, coordinator_annotations, lend_chair_standing
from programme.models import ContributionRequest, Slot
from programme.rules_contributions import answer_annotations

Action = Literal["view", "organise", "minutes"]

_CHECKS = {"organise": can_organise_event, "minutes": can_view_event_minutes}


def get_event_for_user(request: HttpRequest, pk: int, *, action: Action = "view") -> Event:
    # Whether the user chairs the event's group and coordinates its partnership or its
    # group's partnership come with the row (the organiser checks).
    own = coordinator_annotations(request.user, Partnership, link="partnership_id")
    via_group = {
        f"{key}_via_group": value
        for key, value in coordinator_annotations(
            request.user, Partnership, link="network_group__partnership_id"
        ).items()
    }
    # Whether the user was marked present (the page links the evaluation and certificate).
    person = person_of(request.user)
    mine = {}
    if person is not None:
        mine["attended"] = Exists(
            Attendance.objects.filter(
                event=OuterRef("pk"), person=person, status=Attendance.Status.ATTENDED
            )
        )
    # The occasion it is part of comes with the row too (the page's "Part of" link).
    events = (
        Event.objects.for_list()
        .select_related("occasion")
        .annotate(
            **chair_annotations(request.user, group="network_group"),
            **own,
            **via_group,
            # Whether a programme of sessions (programme/) hangs off the event: its page
            # links it.
            has_programme=Exists(Slot.objects.filter(event=OuterRef("pk"))),
            # The request for contributions to the member schools, if any (the page's agenda),
            # and whether the user may answer it for their school.
            contribution_request_id=Subquery(
                ContributionRequest.objects.filter(event=OuterRef("pk"))
                .order_by("pk")
                .values("pk")[:1]
            ),
            **answer_annotations(request.user),
            **mine,
        )
    )
    event = get_object_or_404(events, pk=pk)
    lend_chair_standing(request.user, event, event.network_group)
    for key in own:  # Each answer where the rules look for it: on its partnership.
        answer, group_answer = event.__dict__.pop(key), event.__dict__.pop(f"{key}_via_group")
        if event.partnership is not None:
            event.partnership.__dict__[key] = answer
        if event.network_group is not None:
            event.network_group.partnership.__dict__[key] = group_answer
    if not can_view_event(request.user, event):
        raise Http404("No such event.")
    check = _CHECKS.get(action)
    if check is not None and not check(request.user, event):
        raise PermissionDenied
    return event
