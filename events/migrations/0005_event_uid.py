import uuid

from django.db import migrations, models


def give_each_event_a_uid(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    events = list(Event.objects.only("pk"))
    for event in events:
        event.uid = uuid.uuid4()
    Event.objects.bulk_update(events, ["uid"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_event_starts_ends_index")]

    # A stored identifier for calendars (their UID): added empty, filled, then made unique.
    operations = [
        migrations.AddField(
            model_name="event",
            name="uid",
            field=models.UUIDField(null=True, editable=False, verbose_name="calendar identifier"),
        ),
        migrations.RunPython(give_each_event_a_uid, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="event",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="calendar identifier",
            ),
        ),
    ]
