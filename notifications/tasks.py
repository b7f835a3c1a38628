"""The background tasks (Django's Tasks API through the django-tasks backport; on Django 6 the
import becomes django.tasks). `manage.py db_worker` runs them; notifications_tick enqueues them."""

from __future__ import annotations

import datetime
import os
import socket

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from notifications.delivery import deliver_due
from notifications.models import Heartbeat

WORKER_NAME = "worker"


# A worker not seen for this long is taken to be stopped (it beats at every task it runs, and
# notifications_tick queues a heartbeat every minute).
WORKER_QUIET = datetime.timedelta(minutes=5)


def beat() -> None:
    """The worker is alive: the admin shows when it last ran a task."""
    Heartbeat.objects.update_or_create(name=WORKER_NAME, defaults={"seen_at": timezone.now()})


def worker_status() -> dict:
    """When a worker last ran a task, and whether that is recent enough to call it running:
    for the pages that tell admins whether queued work will be done. One query."""
    beat = Heartbeat.objects.filter(name=WORKER_NAME).first()
    return {
        "worker_seen_at": beat.seen_at if beat else None,
        "worker_alive": bool(beat and timezone.now() - beat.seen_at < WORKER_QUIET),
    }


@task()
def heartbeat() -> None:
    beat()


@task()
def deliver() -> int:
    """Send every message that is due. Several at once are safe: each claims its own rows."""
    beat()
    return deliver_due(owner=f"{socket.gethostname()}:{os.getpid()}")


def deliver_soon() -> None:
    """Start delivery once the current transaction commits (at once outside one)."""
    transaction.on_commit(deliver.enqueue)
