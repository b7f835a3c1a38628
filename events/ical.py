"""iCalendar files for events: one event, or a feed a calendar app subscribes to."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from events.models import Event

LONDON = ZoneInfo("Europe/London")

# Europe/London as a rule rather than a list of dates, so that it is right for an event in
# any year: British Summer Time starts at 01:00 GMT on the last Sunday of March (01:00 local,
# still GMT) and ends at 01:00 GMT on the last Sunday of October (02:00 local, then BST).
# The rules have stood since 1996; an event before then is written in UTC instead.
LONDON_VTIMEZONE = b"""BEGIN:VTIMEZONE\r
TZID:Europe/London\r
BEGIN:DAYLIGHT\r
TZNAME:BST\r
TZOFFSETFROM:+0000\r
TZOFFSETTO:+0100\r
DTSTART:19960331T010000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZNAME:GMT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0000\r
DTSTART:19961027T020000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
"""
RULES_SINCE = datetime.datetime(1996, 3, 31, 1, tzinfo=datetime.UTC)


def calendar_identity(event: Event) -> tuple[str, int]:
    """(UID, SEQUENCE) of `event` in any calendar: feeds, .ics files and invitations.

    The UID is the event's stored identifier, never the host name a request came in by, so
    one event reached under two addresses is one event in a calendar. The sequence is the
    whole seconds from the event's creation to its last change: it grows with every change,
    which is all a calendar app asks of it, and needs no counter kept in step by every write.
    """
    sequence = int((event.updated_at - event.created_at).total_seconds())
    return str(event.uid), max(sequence, 0)


def webcal_url(request: HttpRequest, path: str) -> str:
    """A feed's address for a "Subscribe" link: webcal:// makes the browser hand it to the
    reader's calendar app, which subscribes (https:// would download the file once)."""
    return f"webcal://{request.get_host()}{path}"


def calendar_time(moment: datetime.datetime) -> datetime.datetime:
    """`moment` as a calendar writes it: in Europe/London time, or UTC before its rules."""
    return moment.astimezone(LONDON) if moment >= RULES_SINCE else moment.astimezone(datetime.UTC)


def _location(event: Event) -> str:
    parts = [event.venue]
    if event.host_school and event.host_school.name not in event.venue:
        parts.append(event.host_school.name)
    return ", ".join(p for p in parts if p)


def _vevent(event: Event, request: HttpRequest) -> icalendar.Event:
    vevent = icalendar.Event()
    uid, sequence = calendar_identity(event)
    vevent.add("uid", uid)
    vevent.add("sequence", sequence)
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("dtstart", calendar_time(event.starts_at))
    vevent.add("dtend", calendar_time(event.ends_at))
    vevent.add("summary", event.title)
    description = event.description
    if event.agenda:
        description = f"{description}\n\nAgenda:\n{event.agenda}".strip()
    if description:
        vevent.add("description", description)
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", request.build_absolute_uri(event.get_absolute_url()))
    vevent.add("categories", [event.get_kind_display()])
    # A calendar that has the event from a feed shows it called off, not gone without a word.
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return vevent


def calendar_response(
    events: Iterable[Event], *, name: str, filename: str, request: HttpRequest
) -> HttpResponse:
    """A text/calendar response with the events in Europe/London time."""
    vevents = [_vevent(event, request) for event in events]
    return vevents_response(vevents, name=name, filename=filename)


def vevents_response(vevents: list[icalendar.Event], *, name: str, filename: str) -> HttpResponse:
    """A text/calendar response of ready-made VEVENTs (their times from calendar_time), with
    the Europe/London time zone when any of them needs it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    if any(vevent.decoded("dtstart").tzinfo is LONDON for vevent in vevents):
        calendar.add_component(icalendar.Timezone.from_ical(LONDON_VTIMEZONE))
    for vevent in vevents:
        calendar.add_component(vevent)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
