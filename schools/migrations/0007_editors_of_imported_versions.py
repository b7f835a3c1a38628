from django.db import migrations
from django.db.models import Q

# The change reason the register import gives the versions it writes in bulk.
IMPORTED = "Imported from the public register (GIAS)"


def editors_of_imported_versions(apps, schema_editor):
    """Give each changed version the register import wrote its editors.

    Those versions were written without their editor rows, so the history page showed the
    editors removed by the import and appointed again by the next save. The import never
    changes editors, and every change of editors writes a version, so an imported version's
    editors are those of the version before it. Oldest first, so that a run of imports each
    takes the editors just given to the one before.
    """
    Historical = apps.get_model("schools", "HistoricalSchool")
    HistoricalEditor = apps.get_model("schools", "HistoricalSchool_editors")
    imported = (
        Historical.objects.filter(history_change_reason=IMPORTED, history_type="~")
        .exclude(pk__in=HistoricalEditor.objects.values("history_id"))
        .order_by("history_date", "history_id")
    )
    for version in imported.iterator():
        before = (
            Historical.objects.filter(id=version.id)
            .filter(
                Q(history_date__lt=version.history_date)
                | Q(history_date=version.history_date, history_id__lt=version.history_id)
            )
            .order_by("-history_date", "-history_id")
            .first()
        )
        if before is None:
            continue
        rows = HistoricalEditor.objects.filter(history_id=before.history_id)
        HistoricalEditor.objects.bulk_create(
            HistoricalEditor(
                history_id=version.history_id, id=row_id, school_id=version.id, person_id=pk
            )
            for row_id, pk in rows.values_list("id", "person_id")
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0006_school_location_index")]

    operations = [
        migrations.RunPython(
            editors_of_imported_versions, migrations.RunPython.noop, elidable=True
        )
    ]
