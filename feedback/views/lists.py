"""The organiser's lists of an event: attendees (page and CSV), name badges, the venue's
list of who chose each session, and a session's sign-in sheet. Each is for those who may
organise the event; e-mail addresses appear only where the person lets the viewer see them.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from events.models import Event, Registration
from events.views.access import get_event_for_user
from people.rules import can_see_contacts
from programme.models import Choice, Session


def _confirmed(event: Event) -> list[Registration]:
    """The confirmed registrations by name, with each person's school: one query."""
    return list(
        event.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("person__school", "person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _choices(event: Event) -> dict[int, list[Choice]]:
    """Each person's session choices in the event, in the order of the day: one query."""
    found: dict[int, list[Choice]] = defaultdict(list)
    for choice in (
        Choice.objects.filter(slot__event=event)
        .select_related("session", "slot")
        .order_by("slot__starts_at", "session__title", "pk")
    ):
        found[choice.person_id].append(choice)
    return found


def _rows(request: HttpRequest, event: Event) -> list[dict]:
    choices = _choices(event)
    return [
        {
            "person": r.person,
            "workplace": r.person.workplace or "",
            "email": r.person.email if can_see_contacts(request.user, r.person) else "",
            "choices": choices.get(r.person_id, []),
        }
        for r in _confirmed(event)
    ]


@login_required
@require_GET
def attendee_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Those with a confirmed place, their school and their sessions: printable. Session,
    user, event, choices and registrations: 5 queries whatever the number of people and
    sessions."""
    event = get_event_for_user(request, pk, action="organise")
    rows = _rows(request, event)
    has_programme = any(row["choices"] for row in rows)
    context = {"event": event, "rows": rows, "has_programme": has_programme}
    return render(request, "feedback/attendees.html", context)


@login_required
@require_GET
def attendee_export(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk, action="organise")
    header = ["Name", "School or organisation", "Job title", "E-mail", "Sessions"]
    rows = (
        [
            row["person"].display_name,
            str(row["workplace"]),
            row["person"].job_title,
            row["email"],
            "; ".join(
                f"{c.session.title}{' (waiting)' if c.status == Choice.Status.WAITLISTED else ''}"
                for c in row["choices"]
            ),
        ]
        for row in _rows(request, event)
    )
    security_log(
        kind="export", user=request.user, request=request, what="attendees", event=event.pk
    )
    return csv_response(filename=f"event-{event.pk}-attendees.csv", header=header, rows=rows)


@login_required
@require_GET
def badges(request: HttpRequest, pk: int) -> HttpResponse:
    """Name badges of those with a confirmed place, eight to an A4 page when printed. Session,
    user, event and registrations: 4 queries whatever their number."""
    event = get_event_for_user(request, pk, action="organise")
    return render(request, "feedback/badges.html", {"event": event, "rows": _confirmed(event)})


@login_required
@require_GET
def choices_export(request: HttpRequest, pk: int) -> HttpResponse:
    """For the venue: each session with its room and who chose it, confirmed then waiting."""
    event = get_event_for_user(request, pk, action="organise")
    chosen = (
        Choice.objects.filter(slot__event=event)
        .select_related("slot", "session", "person__school", "person__organisation")
        .order_by("slot__starts_at", "session__title", "session_id", "status", "created_at", "pk")
    )
    header = ["Starts", "Session", "Room", "Status", "Name", "School or organisation", "E-mail"]
    rows = (
        [
            c.slot.starts_at.strftime("%Y-%m-%d %H:%M"),
            c.session.title,
            c.session.room,
            c.get_status_display(),
            c.person.display_name,
            str(c.person.workplace or ""),
            c.person.email if can_see_contacts(request.user, c.person) else "",
        ]
        for c in chosen
    )
    security_log(kind="export", user=request.user, request=request, what="choices", event=event.pk)
    return csv_response(filename=f"event-{event.pk}-choices.csv", header=header, rows=rows)


@login_required
@require_GET
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable sheet for one session: the names of those with a confirmed place (everyone
    registered, for a session alone in its slot), with a column to sign. Session, user, the
    session (with whether it shares its slot), event and the people: 5 queries, whatever their
    number."""
    others = Session.objects.filter(slot=OuterRef("slot")).exclude(pk=OuterRef("pk"))
    session = get_object_or_404(
        Session.objects.select_related("slot").annotate(shares_slot=Exists(others)), pk=pk
    )
    event = get_event_for_user(request, session.slot.event_id, action="organise")
    if not session.shares_slot:
        people = [r.person for r in _confirmed(event)]
    else:
        people = [
            c.person
            for c in Choice.objects.filter(session=session, status=Choice.Status.CONFIRMED)
            .select_related("person__school", "person__organisation")
            .order_by("person__last_name", "person__first_name", "pk")
        ]
    context = {"event": event, "session": session, "people": people}
    return render(request, "feedback/sign_in.html", context)
