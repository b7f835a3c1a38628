"""`manage.py notifications_tick`: the periodic pass. Run it every minute (deploy/
alliance-notifications-tick.timer, or the loop in scripts/run); the worker (`manage.py
db_worker`) sends what it queues."""

from django.core.management.base import BaseCommand
from django.db import transaction

from notifications import tick
from notifications.tasks import deliver, heartbeat


class Command(BaseCommand):
    help = "Queue the notifications that are due, delete old ones, and wake the worker."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            counts = tick.run()
        # The worker proves it is alive by running these: the admin shows the heartbeat.
        heartbeat.enqueue()
        deliver.enqueue()
        done = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
        if options["verbosity"] > 1 or done:
            self.stdout.write(f"Notifications: {done or 'nothing due'}.")
