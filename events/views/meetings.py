"""Running a meeting: answering it, calling it off, the roll call, minutes and actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from alliance.permissions import person_of
from events.forms import person_label
from events.forms_meetings import ActionFormSet, CallOffForm, MinutesForm, RollCallForm, RsvpForm
from events.meetings import (
    action_mark_done,
    apologies_text,
    attendance_record,
    event_call_off,
    expected_people,
    minutes_publish,
    minutes_save,
    rsvp_answer,
)
from events.models import Event, MinuteAction, Rsvp
from events.rules import can_mark_action_done, can_read_minutes, can_rsvp, can_run_meeting
from events.services import EventError
from events.views.access import get_event_for_user


def _posted(request: HttpRequest):
    """The submitted data, even when empty (an empty submission is an answer to check)."""
    return request.POST if request.method == "POST" else None


def _get_meeting_to_run(request: HttpRequest, pk: int) -> Event:
    """The meeting, for its chair, minute-taker and organisers (403 for other members)."""
    event = get_event_for_user(request, pk)
    if not can_run_meeting(request.user, event):
        raise PermissionDenied("Only the meeting's chair, minute-taker and organisers.")
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_rsvp(request: HttpRequest, pk: int) -> HttpResponse:
    """Going, or can't attend with a reason: one answer per person, which a new one replaces."""
    event = get_event_for_user(request, pk)
    if not event.is_meeting:
        raise Http404("This event takes registrations.")
    person = person_of(request.user)
    if person is None or not can_rsvp(request.user, event):
        raise PermissionDenied
    current = Rsvp.objects.filter(event=event, person=person).first()
    initial = {"answer": current.answer, "reason": current.reason} if current else {}
    if request.GET.get("answer") in Rsvp.Answer.values:
        initial["answer"] = request.GET["answer"]
    form = RsvpForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rsvp = rsvp_answer(
                event=event,
                person=person,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
            )
        except EventError as error:
            messages.error(request, error.message)
        else:
            if rsvp.answer == Rsvp.Answer.GOING:
                messages.success(request, "Thank you: you are down as going.")
            else:
                messages.success(request, "Your apologies are sent to the chair.")
        return redirect(event)
    status = 400 if form.errors else 200
    return render(request, "events/rsvp_form.html", {"event": event, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_call_off_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the event itself (not one's registration): it stays, marked "Cancelled"."""
    event = get_event_for_user(request, pk, action="organise")
    form = CallOffForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            event_call_off(event=event, user=request.user, reason=form.cleaned_data["reason"])
        except EventError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"“{event.title}” is cancelled. Everyone invited is told by e-mail."
            )
        return redirect(event)
    status = 400 if form.errors else 200
    context = {"event": event, "form": form}
    return render(request, "events/call_off.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def roll_call(request: HttpRequest, pk: int) -> HttpResponse:
    """Who came: one radio row per expected person, pre-filled from the marks taken, else
    from the answers. Session, user, event, organiser check, the people: 5 queries."""
    event = _get_meeting_to_run(request, pk)
    if request.method == "POST" and (event.is_cancelled or not event.has_happened()):
        # Nothing to check the marks against: say why and change nothing.
        messages.error(
            request,
            "This meeting was cancelled: there is no roll call."
            if event.is_cancelled
            else "The roll call opens when the meeting starts.",
        )
        return redirect(event)
    people = list(expected_people(event))
    form = RollCallForm(_posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        try:
            count = attendance_record(event=event, user=request.user, marks=form.marks())
        except EventError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Attendance is saved for {count} people.")
        return redirect(event)
    status = 400 if form.errors else 200
    context = {"event": event, "form": form, "is_open": event.has_happened()}
    return render(request, "events/roll_call.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes' draft and, for a meeting, the actions agreed (other events have the text
    alone). A blank draft starts with the apologies. Session, user, event, organiser check,
    the people, the actions: 6 queries."""
    event = _get_meeting_to_run(request, pk)
    people = list(expected_people(event))
    data = _posted(request)
    form = MinutesForm(data, initial={"minutes": event.minutes or apologies_text(people)})
    actions = None
    if event.is_meeting:
        owners = [(p.pk, person_label(p)) for p in people]
        actions = ActionFormSet(data, prefix="actions", form_kwargs={"owners": owners})
    if data is not None and form.is_valid() and (actions is None or actions.is_valid()):
        new = [a for a in (f.to_new_action() for f in actions or []) if a is not None]
        try:
            minutes_save(
                event=event,
                user=request.user,
                minutes=form.cleaned_data["minutes"],
                new_actions=new,
            )
        except EventError as error:
            messages.error(request, error.message)
        else:
            state = "published" if event.minutes_published else "a draft"
            messages.success(request, f"The minutes are saved ({state}).")
        return redirect("events:minutes", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "actions_formset": actions,
        "error_forms": [form, *(actions.forms if actions else [])] if data is not None else [],
        "recorded": list(event.actions.select_related("owner").order_by("due_on", "pk")),
        "is_held": event.has_happened(),
    }
    status = 400 if data is not None else 200
    return render(request, "events/minutes_form.html", context, status=status)


@login_required
@require_POST
def minutes_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _get_meeting_to_run(request, pk)
    try:
        minutes_publish(event=event, user=request.user)
    except EventError as error:
        messages.error(request, error.message)
        return redirect("events:minutes", pk=event.pk)
    messages.success(request, "The minutes are published: the members can read them now.")
    return redirect(event)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner (or whoever runs the meeting) marks an action done; back to where they were."""
    action = get_object_or_404(MinuteAction.objects.select_related("event"), pk=pk)
    event = get_event_for_user(request, action.event_id)
    if not can_read_minutes(request.user, event):
        raise Http404("No such action.")
    action.event = event
    if not can_mark_action_done(request.user, action):
        raise PermissionDenied("Only the action's owner and the meeting's organisers.")
    try:
        action_mark_done(action=action, user=request.user)
    except EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{action.description}” is done.")
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect(event)
