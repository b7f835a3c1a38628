"""The background tasks (Django's Tasks API through the django-tasks backport; on Django 6 the
import becomes django.tasks). `manage.py db_worker` runs them; notifications_tick enqueues them."""

from __future__ import annotations

import os
import socket

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from notifications.delivery import deliver_due
from notifications.models import Heartbeat

WORKER_NAME = "worker"


def beat() -> None:
    """The worker is alive: the admin shows when it last ran a task."""
    Heartbeat.objects.update_or_create(name=WORKER_NAME, defaults={"seen_at": timezone.now()})


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
