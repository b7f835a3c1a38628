"""The programme of an event, and choosing or withdrawing from its sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from alliance.lib.pagecache import public_page
from alliance.permissions import person_of
from events.views.access import get_event_for_user
from people.rules import can_see_contacts
from programme.models import Choice
from programme.rules import can_choose_sessions, can_edit_programme
from programme.selectors import counts_of, days_of, places_left, slots_of
from programme.services import ProgrammeError, choice_make, choice_withdraw
from programme.views.access import get_session_for_user, get_slot_for_user


def decorate_sessions(user, slots, *, registered: bool) -> None:
    """Put on each session what its card shows: counts, places left, the viewer's choice
    (only once they hold a place at the event), and which presenters' e-mails the viewer may
    see. No query: the slots come from `slots_of` with counts and, for a member, the
    person."""
    for slot in slots:
        slot.choice = getattr(slot, "choice", None) if registered else None
        slot.is_single = len(slot.sessions.all()) == 1
        for session in slot.sessions.all():
            session.counts = counts_of(session)
            session.places_left = places_left(session, session.counts)
            session.mine = slot.choice is not None and slot.choice.session_id == session.pk
            session.contacts = [
                (p, p.email if p.email and can_see_contacts(user, p) else "")
                for p in session.presenters.all()
            ]


@public_page
@require_GET
def programme_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's programme by day and slot, with places left and, for a registered viewer,
    their choices and the buttons to change them. A fixed number of queries whatever the
    number of slots, sessions, presenters and choices: the event, the slots (with the
    viewer's registration and choices), the sessions (with their counts of choices), the
    presenters."""
    event = get_event_for_user(request, pk)
    slots = slots_of([event.pk], counts=True, person=person_of(request.user))
    # The registration comes with each slot; without slots the page shows no choosing, so
    # nothing is lost by reading it only there.
    registered = bool(slots) and getattr(slots[0], "registered", False)
    decorate_sessions(request.user, slots, registered=registered)
    open_for_choices = not event.is_cancelled and event.ends_at > timezone.now()
    context = {
        "event": event,
        "days": days_of(slots),
        "registered": registered,
        "may_choose": registered and open_for_choices and can_choose_sessions(request.user, event),
        "can_edit": can_edit_programme(request.user, event),
        "open_for_choices": open_for_choices,
    }
    return render(request, "programme/programme.html", context)


def _back(request: HttpRequest, event_pk: int) -> str:
    return reverse("programme:event", args=[event_pk]) + "#programme"


@login_required
@require_POST
def session_choose(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    event = session.slot.event
    if not can_choose_sessions(request.user, event):
        raise PermissionDenied
    try:
        choice = choice_make(person=person_of(request.user), session=session)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        if choice.status == Choice.Status.CONFIRMED:
            messages.success(request, f"You have a place at “{session.title}”.")
        else:
            messages.warning(
                request,
                f"“{session.title}” is full: you are on its waiting list and will get a "
                "place if someone changes their choice.",
            )
    return redirect(_back(request, event.pk))


@login_required
@require_POST
def slot_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_slot_for_user(request, pk)
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    try:
        choice = choice_withdraw(person=person, slot=slot)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        if choice.status == Choice.Status.WAITLISTED:
            messages.success(request, "You have left the waiting list.")
        else:
            messages.success(request, "Your choice is withdrawn: your place is free for others.")
    return redirect(_back(request, slot.event.pk))
