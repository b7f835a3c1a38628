"""The periodic pass (`manage.py notifications_tick`, every minute from a timer): find what is
due and queue it. Each occasion has a key, so a pass that runs twice, or two passes at once,
queue each message once.

What it looks at: upcoming group meetings (invitations, changes, reminders), meetings that
were deleted while still to come (cancellations), minutes lately published, places lately
offered from a waiting list (events and conference sessions), and the digests of people
who chose them.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db.models import (
    DateTimeField,
    ExpressionWrapper,
    F,
    Q,
)
from django.urls import reverse
from django.utils import timezone

from events.ical import LONDON
from events.models import Event, Registration
from notifications.digest import queue_digests
from notifications.group_message import group_recipients
from notifications.invitations import invitation_cancel, invitation_request
from notifications.models import Kind, Message, State
from notifications.polls import queue_poll_requests
from notifications.retention import retention_daily
from notifications.reviews import (
    queue_designation_reviews,
    queue_profile_checks,
    queue_role_reviews,
)
from notifications.rsvp import rsvp_urls
from notifications.services import message_queue, news_since, portal_link
from people.careers import posts_lapse
from people.models import Person
from programme.models import Choice as SessionChoice

# Minutes and places older than this are history, not news (and a first pass after installing
# must not announce every meeting ever minuted).
RECENT = datetime.timedelta(days=7)


def _fingerprint(event: Event) -> str:
    facts = f"{event.starts_at.isoformat()}|{event.ends_at.isoformat()}|{event.venue}|{event.title}"
    return hashlib.sha256(facts.encode()).hexdigest()[:16]


def _location(event: Event) -> str:
    parts = [event.venue]
    if event.host_school and event.host_school.name not in event.venue:
        parts.append(event.host_school.name)
    return ", ".join(p for p in parts if p)


def _have(key: str) -> set[int]:
    """Who already has the message with this key: one query, so a pass over meetings already
    announced costs a query per meeting, not several per person."""
    return set(Message.objects.filter(key=key).values_list("person_id", flat=True))


def _event_context(event: Event) -> dict:
    return {
        "event": event,
        "event_url": portal_link(event.get_absolute_url()),
        "starts": timezone.localtime(event.starts_at, LONDON),
        "ends": timezone.localtime(event.ends_at, LONDON),
        "location": _location(event),
        "group": event.network_group,
    }


def queue_invitations(now: datetime.datetime) -> int:
    """A new group meeting invites the group; a moved or changed one tells everyone invited
    (the same calendar UID, so calendars update it; the e-mail's links ask again, as moving a
    meeting clears the "going" answers)."""
    queued = 0
    events = (
        Event.objects.filter(
            network_group__isnull=False, starts_at__gt=now, updated_at__gte=news_since()
        )
        .not_cancelled()
        .select_related("network_group__partnership", "host_school")
    )
    for event in events:
        key = f"invitation:{event.pk}:{_fingerprint(event)}"
        have = _have(key)
        invited = set(
            Message.objects.filter(kind=Kind.INVITATION, event=event).values_list(
                "person_id", flat=True
            )
        )
        context = _event_context(event)
        for person in group_recipients(event.network_group):
            if person.pk in have:
                continue
            calendar = invitation_request(
                event, person, url=context["event_url"], location=context["location"]
            )
            message = message_queue(
                person=person,
                kind=Kind.INVITATION,
                key=key,
                reason=f"member of {event.network_group}",
                context={
                    **context,
                    **rsvp_urls(person, event),
                    "is_update": person.pk in invited,
                },
                event=event,
                calendar=calendar,
                calendar_method="REQUEST",
            )
            if message is not None:
                Message.objects.filter(pk=message.pk).update(event_starts_at=event.starts_at)
                queued += 1
    return queued


def queue_cancellations(now: datetime.datetime) -> int:
    """A meeting cancelled (events.meetings.event_call_off) or deleted before it took place is
    cancelled for everyone it was sent to, once: both share the key "cancel:invitation:<pk>"."""
    queued = 0
    gone = (
        Message.objects.filter(
            Q(event__isnull=True) | Q(event__cancelled_at__isnull=False),
            kind=Kind.INVITATION,
            event_starts_at__gt=now,
            calendar_method="REQUEST",
        )
        .exclude(calendar="")
        .select_related("person__user", "event")
        .order_by("person_id", "-created_at")
    )
    latest: dict[tuple[int, str], Message] = {}
    for message in gone:  # the last invitation each person got, for each deleted meeting
        event_key = message.key.rsplit(":", 1)[0]  # "invitation:<event pk>"
        latest.setdefault((message.person_id, event_key), message)
    done = set(
        Message.objects.filter(
            key__in={f"cancel:{event_key}" for _, event_key in latest}
        ).values_list("person_id", "key")
    )
    for (person_id, event_key), message in latest.items():
        if (person_id, f"cancel:{event_key}") in done:
            continue
        calendar, summary = invitation_cancel(message.calendar)
        result = message_queue(
            person=message.person,
            kind=Kind.INVITATION,
            key=f"cancel:{event_key}",
            reason=message.reason,
            template="cancellation",
            context={
                "title": summary,
                "starts": timezone.localtime(message.event_starts_at, LONDON),
                "cancel_reason": message.event.cancel_reason if message.event_id else "",
            },
            calendar=calendar,
            calendar_method="CANCEL",
        )
        queued += result is not None
    return queued


def reminder_due(starts_at: datetime.datetime, days: int) -> datetime.datetime:
    """The same clock time `days` calendar days before, in Europe/London: a 10:00 meeting is
    reminded at 10:00 a week before, whether or not the clocks changed in between."""
    local = timezone.localtime(starts_at, LONDON).replace(tzinfo=None)
    return timezone.make_aware(local - datetime.timedelta(days=days), LONDON)


def queue_reminders(now: datetime.datetime) -> int:
    """7 days and 1 day before a meeting, to those registered for it or invited to it."""
    queued = 0
    since = news_since()
    events = (
        Event.objects.filter(starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=8))
        .not_cancelled()
        .select_related("network_group__partnership", "host_school")
    )
    for event in events:
        week, day = reminder_due(event.starts_at, 7), reminder_due(event.starts_at, 1)
        if day <= now:
            days, due = 1, day
        elif week <= now:
            days, due = 7, week
        else:
            continue
        # "Tomorrow" is true only on the day before, "in a week" only a week before: a meeting
        # planned later than that (or a pass that ran late) gets the reminder that still fits.
        if timezone.localtime(now, LONDON).date() != timezone.localtime(due, LONDON).date():
            continue
        if due < since and event.created_at < since:
            continue  # came due before notifications started, for a meeting planned before
        people = {
            r.person.pk: r.person
            for r in Registration.objects.filter(
                event=event, status=Registration.Status.CONFIRMED
            ).select_related("person__user")
        }
        if event.network_group_id:
            for person in group_recipients(event.network_group):
                people.setdefault(person.pk, person)
        context = {**_event_context(event), "days": days}
        key = f"reminder{days}:{event.pk}:{event.starts_at.isoformat()}"
        have = _have(key)
        for person in people.values():
            if person.pk in have:
                continue
            result = message_queue(
                person=person,
                kind=Kind.REMINDER,
                key=key,
                reason="registered or invited",
                context=context,
                event=event,
            )
            queued += result is not None
    return queued


def queue_minutes(now: datetime.datetime) -> int:
    """Minutes published (events.meetings.minutes_publish: a draft is news to nobody): to the
    group's members and the heads of its partnership's schools."""
    queued = 0
    events = Event.objects.filter(
        minutes_published_at__gte=max(now - RECENT, news_since()), starts_at__lte=now
    ).select_related("network_group__partnership", "partnership", "host_school")
    for event in events:
        partnership = event.partnership or (
            event.network_group.partnership if event.network_group else None
        )
        people: dict[int, tuple[Person, str]] = {}
        if event.network_group_id:
            for person in group_recipients(event.network_group):
                people[person.pk] = (person, f"member of {event.network_group}")
        if partnership is not None:
            heads = Person.objects.active().filter(
                headships__memberships__partnership=partnership,
                headships__memberships__left_on__isnull=True,
            )
            for person in heads.select_related("user").distinct():
                people.setdefault(person.pk, (person, f"head of a school in {partnership}"))
        context = _event_context(event)
        have = _have(f"minutes:{event.pk}")
        for person, reason in people.values():
            if person.pk in have:
                continue
            result = message_queue(
                person=person,
                kind=Kind.MINUTES,
                key=f"minutes:{event.pk}",
                reason=reason,
                context=context,
                event=event,
            )
            queued += result is not None
    return queued


def queue_places_offered(now: datetime.datetime) -> int:
    """A place offered from the waiting list: a confirmed registration changed after it was
    made (events.services promotes the longest-waiting person by changing their status)."""
    queued = 0
    promoted = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        updated_at__gte=max(now - RECENT, news_since()),
        event__starts_at__gt=now,
        updated_at__gt=ExpressionWrapper(
            F("created_at") + datetime.timedelta(seconds=1), output_field=DateTimeField()
        ),
    ).select_related("person__user", "event__host_school", "event__network_group")
    for registration in promoted:
        result = message_queue(
            person=registration.person,
            kind=Kind.PLACE_OFFERED,
            key=f"place:{registration.pk}",
            reason="on the waiting list",
            context=_event_context(registration.event),
            event=registration.event,
        )
        queued += result is not None
    return queued


def queue_session_places_offered(now: datetime.datetime) -> int:
    """A place in a conference session offered from its waiting list (programme.services
    promotes the longest-waiting choice and records when)."""
    queued = 0
    promoted = SessionChoice.objects.filter(
        status=SessionChoice.Status.CONFIRMED,
        promoted_at__gte=max(now - RECENT, news_since()),
        slot__starts_at__gt=now,
    ).select_related(
        "person__user", "session", "slot__event__host_school", "slot__event__network_group"
    )
    for choice in promoted:
        event = choice.slot.event
        result = message_queue(
            person=choice.person,
            kind=Kind.PLACE_OFFERED,
            key=f"session-place:{choice.pk}:{choice.promoted_at:%Y%m%d%H%M%S}",
            reason="on a session's waiting list",
            context={
                **_event_context(event),
                "session": choice.session,
                "session_starts": timezone.localtime(choice.slot.starts_at, LONDON),
                "programme_url": portal_link(reverse("programme:event", args=[event.pk])),
            },
            template="session_place_offered",
            event=event,
        )
        queued += result is not None
    return queued


def delete_old(now: datetime.datetime) -> int:
    """Sent, skipped and given-up rows are kept NOTIFICATIONS_KEEP_SENT_DAYS, then deleted."""
    cutoff = now - datetime.timedelta(days=settings.NOTIFICATIONS_KEEP_SENT_DAYS)
    finished = [State.SENT, State.DIGESTED, State.SKIPPED, State.FAILED]
    deleted, _ = Message.objects.filter(state__in=finished, created_at__lt=cutoff).delete()
    return deleted


def run(now: datetime.datetime | None = None) -> dict[str, int]:
    """One pass: everything due queued, old rows deleted (and, once a day, the security log's
    and sessions'). Counts by what was done."""
    now = now or timezone.now()
    return {
        "invitations": queue_invitations(now),
        "cancellations": queue_cancellations(now),
        "reminders": queue_reminders(now),
        "minutes": queue_minutes(now),
        "places": queue_places_offered(now),
        "session places": queue_session_places_offered(now),
        "poll requests": queue_poll_requests(now),
        "digests": queue_digests(now),
        "profile checks": queue_profile_checks(now),
        "role reviews": queue_role_reviews(now),
        "designation reviews": queue_designation_reviews(now),
        # Not a message: the rights a school gave end on the day a post given an end ends.
        "posts ended": posts_lapse(on=timezone.localtime(now).date()),
        "deleted": delete_old(now),
        "old security events and sessions deleted": retention_daily(now),
    }
