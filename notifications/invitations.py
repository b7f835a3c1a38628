"""Calendar invitations by e-mail (iMIP, RFC 6047): METHOD:REQUEST for a new or changed meeting,
METHOD:CANCEL for a cancelled one, with the same UID as the portal's feeds and .ics files
(events.ical.calendar_identity), so a calendar that has the meeting from a feed updates it.

The invitation asks for no reply (RSVP=FALSE): an "Accept" pressed in a mail program would go
to a no-reply address. The e-mail carries the portal's own "going" and "apologies" links.
"""

from __future__ import annotations

import datetime

import icalendar
from django.conf import settings
from django.utils import timezone

from events.ical import LONDON, LONDON_VTIMEZONE, RULES_SINCE, calendar_identity
from events.models import Event
from people.models import Person


def _when(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(LONDON) if moment >= RULES_SINCE else moment.astimezone(datetime.UTC)


def _calendar(method: str, vevent: icalendar.Event) -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Notifications//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    if getattr(vevent.decoded("dtstart").tzinfo, "key", None) == LONDON.key:
        calendar.add_component(icalendar.Timezone.from_ical(LONDON_VTIMEZONE))
    calendar.add_component(vevent)
    return calendar.to_ical().decode()


def _organizer() -> icalendar.vCalAddress:
    organizer = icalendar.vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["CN"] = icalendar.vText(settings.PORTAL_NAME)
    return organizer


def _attendee(person: Person) -> icalendar.vCalAddress:
    attendee = icalendar.vCalAddress(f"mailto:{person.email}")
    attendee.params["CN"] = icalendar.vText(person.display_name)
    attendee.params["ROLE"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["PARTSTAT"] = icalendar.vText("NEEDS-ACTION")
    attendee.params["RSVP"] = icalendar.vText("FALSE")
    return attendee


def invitation_request(event: Event, person: Person, *, url: str, location: str) -> str:
    """METHOD:REQUEST for `person`: the only attendee named is the recipient (nobody else's
    address travels in someone else's invitation)."""
    uid, sequence = calendar_identity(event)
    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("sequence", sequence)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", _when(event.starts_at))
    vevent.add("dtend", _when(event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("status", "CONFIRMED")
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    if event.description:
        vevent.add("description", f"{event.description}\n\n{url}")
    else:
        vevent.add("description", url)
    vevent.add("organizer", _organizer())
    vevent.add("attendee", _attendee(person))
    return _calendar("REQUEST", vevent)


def invitation_cancel(previous_request: str) -> tuple[str, str]:
    """METHOD:CANCEL for a meeting that is gone, built from the last REQUEST its invitee got:
    the same UID, a higher SEQUENCE, STATUS:CANCELLED. Returns it and the meeting's title."""
    old = icalendar.Calendar.from_ical(previous_request)
    vevent = next(iter(old.walk("VEVENT")))
    cancel = icalendar.Event()
    cancel.add("uid", str(vevent["uid"]))
    cancel.add("sequence", int(vevent.get("sequence", 0)) + 1)
    cancel.add("dtstamp", timezone.now())
    cancel.add("dtstart", vevent.decoded("dtstart"))
    cancel.add("dtend", vevent.decoded("dtend"))
    cancel.add("summary", str(vevent["summary"]))
    cancel.add("status", "CANCELLED")
    cancel.add("organizer", vevent["organizer"])
    cancel.add("attendee", vevent["attendee"])
    return _calendar("CANCEL", cancel), str(vevent["summary"])
