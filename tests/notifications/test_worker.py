"""The real worker (django-tasks-db's db_worker) runs what notifications_tick enqueues: the
e-mail reaches the SMTP server and the heartbeat shows in admin."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.models import Heartbeat, Message, State
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory

# The worker ends database connections between tasks (close_old_connections), as a server
# does between requests: outside a test transaction, like the real worker.
pytestmark = pytest.mark.django_db(transaction=True)


def _later() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=20)  # no reminder due yet


def test_the_tick_enqueues_and_the_db_worker_sends_and_beats(smtp):
    group = NetworkGroupFactory()
    member = PersonFactory()
    group.members.add(member)
    EventFactory(network_group=group, title="Writing moderation", starts_at=_later())
    call_command("notifications_tick", verbosity=0)
    assert Message.objects.get().state == State.QUEUED  # queued, not sent by the tick
    assert DBTaskResult.objects.ready().count() == 2  # delivery and the heartbeat
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", verbosity=0)
    assert [m["To"] for m in smtp.messages] == [member.email]
    assert Message.objects.get().state == State.SENT
    assert timezone.now() - Heartbeat.objects.get(name="worker").seen_at < datetime.timedelta(
        minutes=1
    )


def test_admin_sees_the_worker_and_what_waits_but_not_the_bodies(admin, smtp):
    member = PersonFactory()
    group = NetworkGroupFactory()
    group.members.add(member)
    EventFactory(network_group=group, title="Writing moderation", starts_at=_later())
    call_command("notifications_tick", verbosity=0)
    response = admin.get("/admin/notifications/message/")
    assert b"The worker has not run yet." in response.content
    assert b"Messages waiting: 1." in response.content
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", verbosity=0)
    response = admin.get("/admin/notifications/message/")
    assert b"The worker was last seen" in response.content
    assert b"Messages waiting: 0." in response.content
    detail = admin.get(f"/admin/notifications/message/{Message.objects.get().pk}/change/")
    assert detail.status_code == 200
    assert member.email.encode() not in detail.content
    assert b"You are invited" not in detail.content


def test_admin_sends_failed_messages_again(admin):
    member = PersonFactory()
    group = NetworkGroupFactory()
    group.members.add(member)
    EventFactory(network_group=group, starts_at=_later())
    call_command("notifications_tick", verbosity=0)
    Message.objects.update(state=State.FAILED, attempts=8, last_error="SMTPServerDisconnected")
    response = admin.post(
        "/admin/notifications/message/",
        {
            "action": "send_again",
            "_selected_action": list(Message.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.state, message.attempts, message.last_error) == (State.QUEUED, 0, "")
