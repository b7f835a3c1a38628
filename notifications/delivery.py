"""Sending the outbox: claim due rows with a lease, send each, record the outcome.

Claiming locks the rows it takes and skips rows another worker has locked
(SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), then writes a lease (owner and expiry) on
them before the lock is let go: two workers never take the same row. A worker that dies leaves
its rows leased; once the lease runs out any worker takes them again. The one message that may
go twice is the one the relay accepted just before the worker died, before it could record
"sent": it goes again with the same Message-ID (docs/operations.md).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notifications.mail import build_email
from notifications.models import Message, State
from notifications.rules import is_reachable

logger = logging.getLogger(__name__)

BATCH = 50


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next try: 1, 2, 4 ... minutes, at most six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)


def claim(*, owner: str, now: datetime.datetime | None = None, limit: int = BATCH) -> list[int]:
    """Lease up to `limit` due rows to `owner`; their ids, oldest due first."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Message.objects.claimable(now)
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        Message.objects.filter(pk__in=ids).update(
            lease_owner=owner, lease_until=now + lease_length()
        )
    return ids


def _mine(pk: int, owner: str):
    return Message.objects.filter(pk=pk, lease_owner=owner, state=State.QUEUED)


def record_sent(pk: int, *, owner: str, now: datetime.datetime) -> None:
    _mine(pk, owner).update(
        state=State.SENT, sent_at=now, attempts=F("attempts") + 1, lease_owner="", lease_until=None
    )


def record_failure(pk: int, *, owner: str, now: datetime.datetime, error: str) -> None:
    message = _mine(pk, owner).first()
    if message is None:
        return
    attempts = message.attempts + 1
    gave_up = attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    _mine(pk, owner).update(
        attempts=attempts,
        last_error=error[:500],
        next_attempt_at=now + backoff(attempts),
        state=State.FAILED if gave_up else State.QUEUED,
        lease_owner="",
        lease_until=None,
    )


def send_one(pk: int, *, owner: str, connection, now: datetime.datetime | None = None) -> bool:
    """Send one leased row; True when the relay accepted it."""
    now = now or timezone.now()
    message = _mine(pk, owner).select_related("person__user").first()
    if message is None:  # the lease ran out and another worker took it
        return False
    if not is_reachable(message.person):
        _mine(pk, owner).update(state=State.SKIPPED, lease_owner="", lease_until=None)
        return False
    try:
        connection.send_messages([build_email(message)])
    except Exception as error:  # noqa: BLE001 (any failure of the relay is retried)
        logger.warning("Sending message %s failed: %s", pk, error)
        record_failure(pk, owner=owner, now=now, error=f"{type(error).__name__}: {error}")
        connection.close()  # the next message opens a fresh connection
        return False
    record_sent(pk, owner=owner, now=now)
    return True


def deliver_due(*, owner: str, now: datetime.datetime | None = None) -> int:
    """Send every due message, a batch at a time, over one SMTP connection; how many went."""
    sent = 0
    connection = get_connection(fail_silently=False)
    try:
        while ids := claim(owner=owner, now=now):
            for pk in ids:
                sent += send_one(pk, owner=owner, connection=connection, now=now)
    finally:
        connection.close()
    return sent
