"""Running an event's programme: its slots and sessions, for the event's organisers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.views.access import get_event_for_user
from programme.forms import SessionForm, SlotForm
from programme.models import Session, Slot
from programme.selectors import counts_of, days_of, slots_of
from programme.services import (
    ProgrammeError,
    session_delete,
    session_save,
    slot_delete,
    slot_save,
)
from programme.views.access import get_session_for_user, get_slot_for_user


def _edit_url(event_pk: int) -> str:
    return reverse("programme:edit", args=[event_pk])


@login_required
@require_GET
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme as its organisers run it: each slot and session with its edit links and
    how many chose it. A fixed number of queries whatever the number of sessions: the event,
    slots, sessions (with their counts of choices), presenters."""
    event = get_event_for_user(request, pk, action="organise")
    slots = slots_of([event.pk], counts=True)
    for slot in slots:
        for session in slot.sessions.all():
            session.counts = counts_of(session)
    context = {"event": event, "days": days_of(slots)}
    return render(request, "programme/edit.html", context)


def _slot_form(request: HttpRequest, event, slot: Slot | None) -> HttpResponse:
    form = SlotForm(request.POST if request.method == "POST" else None, instance=slot, event=event)
    if request.method == "POST" and form.is_valid():
        slot_save(slot=form.instance)
        messages.success(request, "The slot is saved.")
        return redirect(_edit_url(event.pk))
    status = 400 if form.is_bound else 200
    context = {"event": event, "form": form, "slot": slot}
    return render(request, "programme/slot_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def slot_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk, action="organise")
    return _slot_form(request, event, None)


@login_required
@require_http_methods(["GET", "POST"])
def slot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_slot_for_user(request, pk, action="edit")
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            slot_delete(slot=slot)
        except ProgrammeError as error:
            messages.error(request, error.message)
            return redirect(reverse("programme:slot_edit", args=[slot.pk]))
        messages.success(request, "The slot is deleted.")
        return redirect(_edit_url(slot.event.pk))
    return _slot_form(request, slot.event, slot)


def _session_form(request: HttpRequest, slot: Slot, session: Session | None) -> HttpResponse:
    form = SessionForm(
        request.POST if request.method == "POST" else None, instance=session, slot=slot
    )
    if request.method == "POST" and form.is_valid():
        session_save(session=form.instance, presenters=form.cleaned_data["presenters"])
        messages.success(request, f"“{form.instance.title}” is saved.")
        return redirect(_edit_url(slot.event.pk))
    status = 400 if form.is_bound else 200
    context = {"event": slot.event, "slot": slot, "form": form, "session": session}
    return render(request, "programme/session_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_slot_for_user(request, pk, action="edit")
    return _session_form(request, slot, None)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk, action="edit")
    return _session_form(request, session.slot, session)


@login_required
@require_POST
def session_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk, action="edit")
    try:
        session_delete(session=session)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{session.title}” is deleted.")
    return redirect(_edit_url(session.slot.event.pk))
