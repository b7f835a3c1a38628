"""The outbox survives a worker that dies at any step: every due message is sent after a
restart, none twice except the one the relay accepted just before the worker died (sent again
with the same Message-ID); failures are retried with back-off; two workers never take the same
row; sent rows are deleted after the retention period."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from notifications import delivery, tick
from notifications.models import Kind, Message, State
from notifications.services import message_queue
from tests.factories import PersonFactory
from tests.notifications.conftest import free_port

pytestmark = pytest.mark.django_db


class Crash(BaseException):
    """The worker process dying: not an Exception, so nothing in the worker catches it."""


def _queue(count: int) -> list[Message]:
    return [
        message_queue(
            person=PersonFactory(),
            kind=Kind.GROUP_MESSAGE,
            key=f"test:{n}",
            reason="in the test group",
            context={
                "sender": {"name": "A coordinator", "email": ""},
                "audience": "the test group",
                "message_subject": f"Notice {n}",
                "body": "The room has changed.",
            },
        )
        for n in range(count)
    ]


def _after_lease(now: datetime.datetime) -> datetime.datetime:
    return now + delivery.lease_length() + datetime.timedelta(seconds=1)


@pytest.mark.parametrize("step", ["claimed", "before_send", "after_send", "after_record"])
def test_a_worker_killed_at_any_step_leaves_nothing_unsent_and_nothing_sent_twice(
    smtp, monkeypatch, step
):
    messages = _queue(3)
    now = timezone.now()
    real_send, real_record = delivery.send_one, delivery.record_sent
    calls = {"n": 0}

    def send_one(pk, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2 and step == "before_send":
            raise Crash
        return real_send(pk, **kwargs)

    def record_sent(pk, **kwargs):
        if calls["n"] == 2 and step == "after_send":
            raise Crash  # the relay has the message; the row does not say so
        real_record(pk, **kwargs)
        if calls["n"] == 2 and step == "after_record":
            raise Crash

    def claim(**kwargs):
        ids = real_claim(**kwargs)
        if step == "claimed" and ids:
            raise Crash
        return ids

    real_claim = delivery.claim
    monkeypatch.setattr(delivery, "send_one", send_one)
    monkeypatch.setattr(delivery, "record_sent", record_sent)
    monkeypatch.setattr(delivery, "claim", claim)
    with pytest.raises(Crash):
        delivery.deliver_due(owner="first", now=now)
    monkeypatch.undo()

    # Restarted at once: the dead worker's rows are still leased to it, so nothing goes twice.
    delivery.deliver_due(owner="second", now=now)
    before_lease_ends = [m["Message-ID"] for m in smtp.messages]
    assert len(before_lease_ends) == len(set(before_lease_ends))
    # After the lease, every message has gone.
    delivery.deliver_due(owner="second", now=_after_lease(now))
    ids = [m["Message-ID"] for m in smtp.messages]
    assert set(ids) == {m.message_id for m in messages}
    assert Message.objects.filter(state=State.SENT).count() == 3
    if step == "after_send":
        # The documented window: the one message the relay accepted is sent again, with the
        # same Message-ID, so the recipient's mail program shows it once.
        assert len(ids) == 4
    else:
        assert len(ids) == 3


def test_a_refusing_relay_is_retried_with_back_off_and_the_failure_is_recorded(smtp, settings):
    (message,) = _queue(1)
    settings.EMAIL_PORT = free_port()  # nothing listens there: the relay refuses
    now = timezone.now()
    delivery.deliver_due(owner="w", now=now)
    message.refresh_from_db()
    assert message.state == State.QUEUED
    assert message.attempts == 1
    assert message.last_error
    assert message.next_attempt_at == now + datetime.timedelta(minutes=1)
    settings.EMAIL_PORT = smtp.controller.port
    delivery.deliver_due(owner="w", now=now)  # not due yet
    assert smtp.messages == []
    delivery.deliver_due(owner="w", now=message.next_attempt_at)
    message.refresh_from_db()
    assert message.state == State.SENT and len(smtp.messages) == 1


def test_a_message_that_never_goes_is_given_up_after_the_last_attempt(smtp, settings):
    (message,) = _queue(1)
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    settings.EMAIL_PORT = free_port()
    now = timezone.now()
    for _ in range(2):
        delivery.deliver_due(owner="w", now=now)
        now += datetime.timedelta(hours=7)
    message.refresh_from_db()
    assert message.state == State.FAILED and message.attempts == 2


def test_sent_messages_are_deleted_after_the_retention_period(smtp, settings):
    old, recent = _queue(2)
    delivery.deliver_due(owner="w")
    Message.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    tick.delete_old(timezone.now())
    assert list(Message.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks: runs on PostgreSQL in CI"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_never_take_the_same_row():
    """Each thread has its own database connection; the barrier starts them together."""
    _queue(40)
    now = timezone.now()
    barrier = threading.Barrier(2)
    claimed: dict[str, list[int]] = {}

    def work(owner: str) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            mine: list[int] = []
            while ids := delivery.claim(owner=owner, now=now, limit=5):
                mine.extend(ids)
            claimed[owner] = mine
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not set(claimed["a"]) & set(claimed["b"])
    assert len(claimed["a"]) + len(claimed["b"]) == 40
    owners = dict(Message.objects.values_list("pk", "lease_owner"))
    assert all(owners[pk] == "a" for pk in claimed["a"])
    assert all(owners[pk] == "b" for pk in claimed["b"])
