"""A date poll lately opened asks its members to answer: once each, by e-mail, as a message
from the coordinator or chair who opened it (the kind people choose for those messages)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.ical import LONDON
from notifications.group_message import group_recipients, partnership_recipients
from notifications.models import Kind, Message
from notifications.services import message_queue, news_since, portal_link
from polls.models import Poll

# A poll opened longer ago than this is not news (nor, after installing, is every old poll).
RECENT = datetime.timedelta(days=7)


def queue_poll_requests(now: datetime.datetime) -> int:
    """ "Please answer the poll" to the members of each open poll opened in the last week."""
    queued = 0
    polls = Poll.objects.open().filter(created_at__gte=max(now - RECENT, news_since()))
    for poll in polls.select_related("partnership", "network_group", "created_by"):
        key = f"poll:{poll.pk}"
        have = set(Message.objects.filter(key=key).values_list("person_id", flat=True))
        if poll.network_group_id:
            people, scope = group_recipients(poll.network_group), poll.network_group.name
        else:
            people, scope = partnership_recipients(poll.partnership), poll.partnership.name
        context = {
            "poll": poll,
            "poll_url": portal_link(poll.get_absolute_url()),
            "scope": scope,
            "dates": [
                timezone.localtime(at, LONDON)
                for at in poll.options.values_list("starts_at", flat=True)
            ],
        }
        for person in people:
            if person.pk in have or person.pk == poll.created_by_id:
                continue
            result = message_queue(
                person=person,
                kind=Kind.GROUP_MESSAGE,
                key=key,
                reason=f"member of {scope}",
                context=context,
                template="poll_request",
            )
            queued += result is not None
    return queued
