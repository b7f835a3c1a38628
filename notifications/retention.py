"""The daily retention pass, run by the minute's tick once a day (docs/privacy.md): old sign-in
records and security events, and expired sessions, are deleted. Sent notifications have their
own period (tick.delete_old, every pass)."""

from __future__ import annotations

import datetime

from accounts.retention import security_log_prune, sessions_prune
from notifications.models import Heartbeat

DAILY = datetime.timedelta(days=1)
NAME = "retention"


def retention_daily(now: datetime.datetime) -> int:
    """Prune once a day: the rows deleted, or 0 when the day's pass already ran. Two passes at
    once do it once (the heartbeat row is locked)."""
    beat, created = Heartbeat.objects.select_for_update().get_or_create(
        name=NAME, defaults={"seen_at": now}
    )
    if not created and beat.seen_at > now - DAILY:
        return 0
    Heartbeat.objects.filter(pk=beat.pk).update(seen_at=now)
    return security_log_prune(now) + sessions_prune(now)
