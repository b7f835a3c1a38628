"""The event page, registering and cancelling, the organiser's registration list and export,
and minutes documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from alliance.lib.pagecache import public_page
from alliance.permissions import person_of
from events.forms import DocumentForm
from events.ical import webcal_url
from events.meetings import carried_actions
from events.models import Event, EventDocument, MinuteAction, Registration, Rsvp
from events.rules import (
    can_organise_event,
    can_read_minutes,
    can_register_for_event,
    can_rsvp,
    can_run_meeting,
    can_view_event_minutes,
)
from events.services import EventError, registration_cancel, registration_create
from events.views.access import get_event_for_user
from people.exports import PERSON_HEADER, person_cells
from programme.views_contributions import event_page_part

Status = Registration.Status


def _counts(event: Event) -> dict[str, int]:
    return event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )


@public_page
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event, the user's registration or answer, places left or answers given, the
    minutes and actions: a fixed number of queries (session, user, event, registration or
    answers, counts (events with places only), organiser check, documents, actions (meetings
    only), the schools' offered contributions (when they were asked; the request and whether
    the user answers for their school come with the event))."""
    user = request.user
    event = get_event_for_user(request, pk)
    person = person_of(user)
    show_minutes = can_view_event_minutes(user, event)
    is_past = event.ends_at <= timezone.now()
    documents = list(event.documents.all()) if show_minutes else []
    can_organise = can_organise_event(user, event)
    context = {
        "event": event,
        "can_organise": can_organise,
        "show_minutes": show_minutes,
        "is_past": is_past,
        "feed_url": _feed_url(request, event),
        "documents": documents,
        "document_form": DocumentForm(),
        "me": person.pk if person else 0,
        # Answered from what is already loaded (the organiser check is asked once a request).
        "can_run": can_run_meeting(user, event),
        "read_minutes": can_read_minutes(user, event),
        "actions": [],
        "carried": [],
        # Those marked attended find the evaluation and their certificate here, once the
        # event has started (whether they were is read with the event).
        "attended": event.has_happened() and getattr(event, "attended", False),
        "has_programme": event.has_programme,
    }
    if event.is_meeting:
        context.update(_meeting_context(user, person, event))
    else:
        context.update(_registration_context(user, person, event))
    context.update(event_page_part(request, event, can_organise=can_organise))
    minutes_text = context["read_minutes"] and bool(event.minutes)
    context["minutes_text"] = minutes_text
    # Before the meeting there are no minutes to miss: the section is for its papers.
    context["show_minutes_section"] = show_minutes and bool(
        is_past or minutes_text or documents or can_organise
    )
    return render(request, "events/detail.html", context)


def _registration_context(user, person, event: Event) -> dict:
    """A conference, training or pupil event: places, and the user's registration."""
    registration = (
        Registration.objects.filter(event=event, person=person)
        .exclude(status=Status.CANCELLED)
        .values_list("status", flat=True)
        .first()
        if person
        else None
    )
    counts = _counts(event)
    return {
        "can_register": can_register_for_event(user, event) and not event.is_cancelled,
        "registration": registration or "",
        "counts": counts,
        "places_left": None
        if event.capacity is None
        else max(event.capacity - counts["confirmed"], 0),
    }


def _my_staff(rsvps: list[Rsvp], head) -> list[Rsvp]:
    """The answers of the staff of the school `head` is the headteacher of (none if not)."""
    return [
        r
        for r in rsvps
        if r.person.school and r.person.school.headteacher_id == head.pk and r.person_id != head.pk
    ]


def _meeting_context(user, person, event: Event) -> dict:
    """A meeting: every answer read at once (a meeting has tens of people), from which come
    the user's own, the counts, the apologies for those who run it and, for a head, which of
    their staff are going; the minutes' actions and those carried from earlier meetings, in one
    query more."""
    runs = can_run_meeting(user, event)  # memoised: the page asked already
    rsvps = (
        list(
            Rsvp.objects.filter(event=event)
            .select_related("person__school")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        if person is not None
        else []
    )
    mine = next((r for r in rsvps if r.person_id == person.pk), None) if person else None
    read_minutes = can_read_minutes(user, event)
    actions: list[MinuteAction] = []
    if user.is_authenticated:
        own = (
            MinuteAction.objects.filter(event=event)
            if read_minutes
            else MinuteAction.objects.none()
        )
        actions = list((own | carried_actions(event)).for_list())
    return {
        "can_rsvp": can_rsvp(user, event),
        "my_rsvp": mine,
        "my_answer": mine.answer if mine else "",
        "my_reason": mine.reason if mine else "",
        "going_count": sum(r.answer == Rsvp.Answer.GOING for r in rsvps),
        "apologies_count": sum(r.answer == Rsvp.Answer.APOLOGIES for r in rsvps),
        "answers": rsvps if runs else [],
        "my_staff": _my_staff(rsvps, person) if person is not None and not runs else [],
        "actions": [a for a in actions if a.event_id == event.pk],
        "carried": [a for a in actions if a.event_id != event.pk],
    }


def _feed_url(request: HttpRequest, event: Event) -> str:
    """The webcal:// feed of the event's group, else its partnership, if that is public."""
    group, partnership = event.network_group, event.partnership
    if group is not None and group.partnership.is_published:
        path = reverse("events:feed_group", args=[group.partnership.slug, group.slug])
    elif group is None and partnership is not None and partnership.is_published:
        path = reverse("events:feed_partnership", args=[partnership.slug])
    else:
        return ""
    return webcal_url(request, path)


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk)
    if not can_register_for_event(request.user, event):
        raise PermissionDenied
    try:
        registration = registration_create(event=event, person=person_of(request.user))
    except EventError as error:
        messages.error(request, error.message)
    else:
        if registration.status == Status.CONFIRMED:
            messages.success(request, "You are registered. We have saved your place.")
        else:
            messages.warning(
                request,
                "The event is full: you are on the waiting list and will get a place "
                "if someone cancels.",
            )
    return redirect(event)


@login_required
@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk)
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    try:
        registration_cancel(event=event, person=person)
    except EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Your registration is cancelled.")
    return redirect(event)


def _registrations(event: Event):
    return (
        event.registrations.exclude(status=Status.CANCELLED)
        .select_related("person__school", "person__organisation")
        .order_by("status", "created_at", "id")
    )


@login_required
@require_GET
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is coming and who is waiting, for the organisers: 1 query for the rows, with each
    person's school, whatever their number."""
    event = get_event_for_user(request, pk, action="organise")
    context = {"event": event, "rows": _registrations(event)}
    return render(request, "events/registrations.html", context)


@login_required
@require_GET
def registration_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration list as CSV; e-mail only where the person lets this user see it."""
    event = get_event_for_user(request, pk, action="organise")
    header = [*PERSON_HEADER, "Status", "Registered"]
    rows = (
        [
            *person_cells(request.user, r.person),
            r.get_status_display(),
            r.created_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for r in _registrations(event)
    )
    security_log(
        kind="export", user=request.user, request=request, what="registrations", event=event.pk
    )
    return csv_response(filename=f"event-{event.pk}-registrations.csv", header=header, rows=rows)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk, action="organise")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.save(commit=False)
        document.event = event
        document.uploaded_by = request.user
        document.save()
        messages.success(request, f"“{document.title}” is attached.")
        return redirect(event)
    context = {"event": event, "form": form}
    return render(request, "events/document_form.html", context, status=400)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """The document as an attachment, never rendered in the browser, for members who may see
    the event's minutes."""
    event = get_event_for_user(request, pk, action="minutes")
    document = get_object_or_404(EventDocument, event=event, pk=doc_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type or "application/octet-stream",
    )
