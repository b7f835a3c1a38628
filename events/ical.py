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


def _location(event: Event) -> str:
    parts = [event.venue]
    if event.host_school and event.host_school.name not in event.venue:
        parts.append(event.host_school.name)
    return ", ".join(p for p in parts if p)


def _vevent(event: Event, request: HttpRequest) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{request.get_host()}")
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("dtstart", event.starts_at.astimezone(LONDON))
    vevent.add("dtend", event.ends_at.astimezone(LONDON))
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
    return vevent


def calendar_response(
    events: Iterable[Event], *, name: str, filename: str, request: HttpRequest
) -> HttpResponse:
    """A text/calendar response with the events in Europe/London time."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    years = {datetime.date.today().year}
    for event in events:
        calendar.add_component(_vevent(event, request))
        years.add(event.starts_at.year)
    # The time zone's rules for just the years the events need, not 1970-2038.
    calendar.add_missing_timezones(
        first_date=datetime.date(min(years), 1, 1), last_date=datetime.date(max(years) + 1, 1, 1)
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
