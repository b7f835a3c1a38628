"""Writes: putting a message in the outbox for a person, and a person's choices.

A message is rendered when it is queued (subject, both parts, any calendar), so what the worker
sends is what was true when it was queued, and the worker needs nothing but the row.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications.models import (
    DEFAULTS,
    NOT_DIGESTIBLE,
    Choice,
    Heartbeat,
    Kind,
    Message,
    Preference,
    State,
)
from notifications.rules import is_reachable
from notifications.tokens import unsubscribe_token
from people.models import Person

STARTED = "started"


def notifications_start(*, at: datetime.datetime) -> None:
    """Announce only what happens from `at` on (installing notifications on a portal full of
    meetings and minutes, or after building the demo alliance)."""
    Heartbeat.objects.update_or_create(name=STARTED, defaults={"seen_at": at})


def news_since() -> datetime.datetime:
    """Changes from this moment on are news: when notifications started, or the epoch."""
    started = Heartbeat.objects.filter(name=STARTED).values_list("seen_at", flat=True).first()
    return started or datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def portal_link(path: str) -> str:
    return f"{settings.PORTAL_URL}{path}"


def choices_for(person: Person) -> dict[str, str]:
    """Every kind's choice for `person`: theirs where they made one, the default otherwise."""
    chosen = dict(Preference.objects.filter(person=person).values_list("kind", "choice"))
    return {kind: chosen.get(kind, DEFAULTS[kind]) for kind in Kind.values}


@transaction.atomic
def preferences_save(*, person: Person, choices: dict[str, str]) -> None:
    for kind, choice in choices.items():
        if kind in NOT_DIGESTIBLE and choice == Choice.DIGEST:
            choice = Choice.ON
        Preference.objects.update_or_create(person=person, kind=kind, defaults={"choice": choice})


def unsubscribe(*, person: Person, kind: str) -> None:
    """One kind off for one person (the one-click link); every other choice stays as it was."""
    Preference.objects.update_or_create(person=person, kind=kind, defaults={"choice": Choice.OFF})


def unsubscribe_url(person: Person, kind: str) -> str:
    token = unsubscribe_token(person_id=person.pk, kind=kind)
    return portal_link(reverse("notifications:unsubscribe", kwargs={"token": token}))


def message_queue(
    *,
    person: Person,
    kind: str,
    key: str,
    reason: str,
    context: dict,
    template: str | None = None,
    event=None,
    calendar: str = "",
    calendar_method: str = "",
    due_at: datetime.datetime | None = None,
    choice: str | None = None,
) -> Message | None:
    """Queue one message to `person`, once per `key`; None when they get nothing (erased, left,
    no address, turned off) or already have this one. The caller starts delivery once for all
    it queued (notifications.tasks.deliver_soon). `choice` is the person's choice for `kind`
    when the caller knows it (one query less)."""
    if not is_reachable(person):
        return None
    if choice is None:
        choice = choices_for(person)[kind]
    if choice == Choice.OFF:
        return None
    if Message.objects.filter(person=person, key=key).exists():
        return None
    template = template or kind
    context = {
        **context,
        "person": person,
        "reason": reason,
        "portal_name": settings.PORTAL_NAME,
        "portal_url": settings.PORTAL_URL,
        "settings_url": portal_link(reverse("notifications:settings")),
        "unsubscribe_url": unsubscribe_url(person, kind),
        "kind_label": Kind(kind).label,
    }
    subject = render_to_string(f"notifications/email/{template}_subject.txt", context).strip()
    message = Message(
        person=person,
        kind=kind,
        key=key,
        reason=reason[:300],
        event=event,
        subject=" ".join(subject.split())[:300],
        body_text=render_to_string(f"notifications/email/{template}.txt", context),
        body_html=render_to_string(f"notifications/email/{template}.html", context),
        calendar=calendar,
        calendar_method=calendar_method,
        due_at=due_at or timezone.now(),
        next_attempt_at=due_at or timezone.now(),
        state=State.HELD
        if choice == Choice.DIGEST and kind not in NOT_DIGESTIBLE
        else State.QUEUED,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # another tick queued the same occasion a moment ago
        return None
    return message
