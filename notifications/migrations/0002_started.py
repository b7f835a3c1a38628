"""Notifications start when they are installed: meetings, minutes and places from before are
history and are not announced (notifications.tick)."""

from django.db import migrations
from django.utils import timezone


def start(apps, schema_editor):
    Heartbeat = apps.get_model("notifications", "Heartbeat")
    Heartbeat.objects.update_or_create(name="started", defaults={"seen_at": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(start, migrations.RunPython.noop)]
