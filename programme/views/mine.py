"""The signed-in person's timetable, and the iCal feed of the sessions they go to."""

from __future__ import annotations

import datetime

import icalendar
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.permissions import person_of
from events.ical import calendar_identity, calendar_time, vevents_response, webcal_url
from events.models import CalendarFeedToken, Event
from people.models import Person
from programme.models import Choice, Session, Slot
from programme.selectors import registered_events, slots_of, timetable_sessions

# The timetable and the feed keep a term of history and everything to come.
HISTORY = datetime.timedelta(days=120)


def _timetable(person: Person) -> list[tuple[Event, list]]:
    """Each event the person has a place at or presents at, with its slots and the session
    they go to (or present) in each: four queries (events, slots with the person's choices,
    sessions, presenters) for any number."""
    events = registered_events(person, since=timezone.now() - HISTORY)
    slots = slots_of((e.pk for e in events), person=person)
    rows_by_event: dict[int, list] = {e.pk: [] for e in events}
    for row in timetable_sessions(slots, person):
        rows_by_event[row[0].event_id].append(row)
    return [(event, rows_by_event[event.pk]) for event in events]


@login_required
@require_GET
def timetable(request: HttpRequest) -> HttpResponse:
    """My sessions at the events I have a place at, in time order (keynotes included), and the
    link to subscribe to them. A fixed number of queries whatever the number of events,
    slots and choices."""
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    feed = CalendarFeedToken.objects.filter(person=person).first()
    feed_path = reverse("programme:feed", args=[feed.token]) if feed else ""
    context = {
        "events": _timetable(person),
        "feed_url": webcal_url(request, feed_path) if feed else "",
    }
    return render(request, "programme/mine.html", context)


def _vevent(slot: Slot, session: Session, event: Event, request: HttpRequest) -> icalendar.Event:
    vevent = icalendar.Event()
    uid, sequence = calendar_identity(event)
    # One calendar entry per session of an event, stable across feeds.
    vevent.add("uid", f"{uid}-session-{session.pk}")
    vevent.add("sequence", sequence)
    vevent.add("dtstamp", event.updated_at)
    vevent.add("dtstart", calendar_time(slot.starts_at))
    vevent.add("dtend", calendar_time(slot.ends_at))
    vevent.add("summary", f"{session.title} ({event.title})")
    if session.description:
        vevent.add("description", session.description)
    location = ", ".join(p for p in (session.room, event.venue) if p)
    if location:
        vevent.add("location", location)
    vevent.add("url", request.build_absolute_uri(session.get_absolute_url()))
    vevent.add("categories", [session.get_kind_display()])
    vevent.add("status", "CONFIRMED")
    return vevent


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The sessions the token's person goes to: confirmed choices and the only session of each
    slot with one, at events they have a place at. Waiting-list places are left out. The
    person's events feed token stands for them; a revoked or regenerated one answers 404."""
    token_row = get_object_or_404(
        CalendarFeedToken.objects.select_related("person__user"), token=token
    )
    person = token_row.person
    if person.erased_at or (person.user is not None and not person.user.is_active):
        raise Http404("No such feed.")
    vevents = []
    for event, rows in _timetable(person):
        for slot, session, choice in rows:
            if session is None or session.kind == Session.Kind.BREAK:
                continue
            if choice is not None and choice.status != Choice.Status.CONFIRMED:
                continue
            vevents.append(_vevent(slot, session, event, request))
    return vevents_response(vevents, name="My conference sessions", filename="my-sessions.ics")
