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
from events.models import Event, EventDocument, Registration
from events.rules import can_organise_event, can_register_for_event, can_view_event_minutes
from events.services import EventError, registration_cancel, registration_create
from events.views.access import get_event_for_user
from people.rules import can_see_contacts

Status = Registration.Status


def _counts(event: Event) -> dict[str, int]:
    return event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )


@public_page
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event, the user's registration and the places left: a fixed number of queries."""
    user = request.user
    event = get_event_for_user(request, pk)
    person = person_of(user)
    registration = (
        Registration.objects.filter(event=event, person=person)
        .exclude(status=Status.CANCELLED)
        .values_list("status", flat=True)
        .first()
        if person
        else None
    )
    show_minutes = can_view_event_minutes(user, event)
    is_past = event.ends_at <= timezone.now()
    counts = _counts(event)
    documents = list(event.documents.all()) if show_minutes else []
    can_organise = can_organise_event(user, event)
    context = {
        "event": event,
        "can_organise": can_organise,
        "can_register": can_register_for_event(user, event),
        "show_minutes": show_minutes,
        "registration": registration or "",
        "counts": counts,
        "places_left": None
        if event.capacity is None
        else max(event.capacity - counts["confirmed"], 0),
        "is_past": is_past,
        "feed_url": _feed_url(request, event),
        "documents": documents,
        # Before the meeting there are no minutes to miss: the section is for its papers.
        "show_minutes_section": show_minutes
        and bool(is_past or event.minutes or documents or can_organise),
        "document_form": DocumentForm(),
    }
    return render(request, "events/detail.html", context)


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
    header = ["Name", "School or organisation", "Job title", "E-mail", "Status", "Registered"]
    rows = (
        [
            r.person.display_name,
            str(r.person.workplace or ""),
            r.person.job_title,
            r.person.email if can_see_contacts(request.user, r.person) else "",
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
