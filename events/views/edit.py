"""Organisers create and edit events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from events.forms import EventForm
from events.models import Event
from events.rules import can_plan_events
from events.services import event_save
from events.views.access import get_event_for_user


def _render_form(request: HttpRequest, form: EventForm, event: Event | None) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "events/form.html", {"form": form, "event": event}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not can_plan_events(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = event_save(event=form.save(commit=False), user=request.user)
        messages.success(request, f"“{event.title}” is saved.")
        return redirect(event)
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk, action="organise")
    when = (event.starts_at, event.ends_at)  # the form changes the instance as it validates
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = event_save(event=form.save(commit=False), user=request.user)
        moved = when != (event.starts_at, event.ends_at)
        if moved and event.is_meeting:
            messages.success(
                request,
                "Your changes are saved. The meeting has moved: those who said they were going "
                "are asked again.",
            )
        else:
            messages.success(request, "Your changes are saved.")
        return redirect(event)
    return _render_form(request, form, event)
