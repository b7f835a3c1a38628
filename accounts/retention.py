"""Retention of the security log: sign-in records go after SIGN_IN_KEEP_DAYS, every other
event after SECURITY_LOG_KEEP_DAYS (docs/privacy.md). Run daily by notifications_tick."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Q

from accounts.models import SecurityEvent, SecurityEventKind

SIGN_IN_RECORDS = [
    SecurityEventKind.SIGN_IN,
    SecurityEventKind.SIGN_IN_FAILED,
    SecurityEventKind.SIGN_OUT,
    SecurityEventKind.MFA_FAILED,
    SecurityEventKind.RATE_LIMITED,
]


def security_log_prune(now: datetime.datetime) -> int:
    """Delete the events older than their kind's period; the number deleted."""
    sign_ins = now - datetime.timedelta(days=settings.SIGN_IN_KEEP_DAYS)
    others = now - datetime.timedelta(days=settings.SECURITY_LOG_KEEP_DAYS)
    old = Q(kind__in=SIGN_IN_RECORDS, created_at__lt=sign_ins) | Q(created_at__lt=others)
    deleted, _ = SecurityEvent.objects.filter(old).delete()
    return deleted


def sessions_prune(now: datetime.datetime) -> int:
    """Delete the stored sessions that expired (Django's clearsessions, for the database)."""
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted
