"""The weekly digest, on Monday mornings: the messages a person chose to have gathered (minutes,
group messages...) and the meetings newly planned in their groups. Opt-in: a person gets one
if they turned the digest on, or chose to gather some kind in it."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from events.ical import LONDON
from events.models import Event
from notifications.models import Choice, Kind, Message, Preference, State
from notifications.services import message_queue, portal_link
from people.models import Person

WEEK = datetime.timedelta(days=7)


def _new_meetings(person: Person, now: datetime.datetime) -> list[dict]:
    events = (
        Event.objects.filter(
            Q(network_group__members=person) | Q(network_group__chair=person),
            created_at__gte=now - WEEK,
            starts_at__gt=now,
        )
        .distinct()
        .order_by("starts_at")
    )
    return [
        {
            "title": event.title,
            "starts": timezone.localtime(event.starts_at, LONDON),
            "url": portal_link(event.get_absolute_url()),
        }
        for event in events
    ]


def queue_digests(now: datetime.datetime) -> int:
    """Once each Monday from 07:00 (London): one digest per person with anything in it."""
    local = timezone.localtime(now, LONDON)
    if local.weekday() != 0 or local.hour < 7:
        return 0
    week = local.date().isocalendar()
    key = f"digest:{week.year}-{week.week}"
    have = set(Message.objects.filter(key=key).values_list("person_id", flat=True))
    held: dict[int, list[Message]] = {}
    people: dict[int, Person] = {}
    for message in (
        Message.objects.filter(state=State.HELD)
        .exclude(person_id__in=have)
        .select_related("person__user")
        .order_by("person_id", "created_at")
    ):
        held.setdefault(message.person_id, []).append(message)
        people[message.person_id] = message.person
    for preference in (
        Preference.objects.filter(kind=Kind.DIGEST, choice=Choice.ON)
        .exclude(person_id__in=have)
        .select_related("person__user")
    ):
        people.setdefault(preference.person_id, preference.person)
    queued = 0
    for person in people.values():
        messages = held.get(person.pk, [])
        meetings = _new_meetings(person, now)
        if not messages and not meetings:
            continue
        result = message_queue(
            person=person,
            kind=Kind.DIGEST,
            key=key,
            reason="chose the weekly digest",
            context={"items": messages, "meetings": meetings},
            choice=Choice.ON,
        )
        Message.objects.filter(pk__in=[m.pk for m in messages]).update(
            state=State.DIGESTED if result is not None else State.SKIPPED
        )
        queued += result is not None
    return queued
