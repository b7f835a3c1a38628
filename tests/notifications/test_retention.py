"""Retention: the minute's tick deletes, once a day, sign-in records older than
SIGN_IN_KEEP_DAYS, other security events older than SECURITY_LOG_KEEP_DAYS and expired
sessions; sent notifications older than NOTIFICATIONS_KEEP_SENT_DAYS go on every pass."""

import datetime

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from accounts.models import SecurityEvent, SecurityEventKind
from notifications.models import Kind, Message, State
from tests.factories import PersonFactory


def event(kind: str, days_ago: int) -> SecurityEvent:
    return SecurityEvent.objects.create(
        kind=kind, created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_old_sign_in_records_and_security_events_are_deleted_daily(db, settings):
    settings.SIGN_IN_KEEP_DAYS = 90
    settings.SECURITY_LOG_KEEP_DAYS = 365
    old_sign_in = event(SecurityEventKind.SIGN_IN_FAILED, 91)
    recent_sign_in = event(SecurityEventKind.SIGN_IN, 89)
    old_export = event(SecurityEventKind.EXPORT, 366)
    kept_export = event(SecurityEventKind.EXPORT, 200)

    call_command("notifications_tick")

    left = set(SecurityEvent.objects.values_list("pk", flat=True))
    assert old_sign_in.pk not in left and old_export.pk not in left
    assert {recent_sign_in.pk, kept_export.pk} <= left


def test_the_pass_runs_once_a_day(db):
    call_command("notifications_tick")
    old = event(SecurityEventKind.SIGN_IN, 400)
    call_command("notifications_tick")  # The same day: nothing more is deleted.
    assert SecurityEvent.objects.filter(pk=old.pk).exists()


def test_expired_sessions_are_deleted(db):
    store = SessionStore()
    store["x"] = 1
    store.set_expiry(-10)
    store.create()
    live = SessionStore()
    live.create()
    call_command("notifications_tick")
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_sent_notifications_are_deleted_after_their_period(db, settings):
    settings.NOTIFICATIONS_KEEP_SENT_DAYS = 90
    person = PersonFactory()
    message = Message.objects.create(
        person=person,
        kind=Kind.MINUTES,
        reason="member",
        key="old",
        subject="Minutes",
        body_text="x",
        body_html="x",
        state=State.SENT,
    )
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    call_command("notifications_tick")
    assert not Message.objects.filter(pk=message.pk).exists()
