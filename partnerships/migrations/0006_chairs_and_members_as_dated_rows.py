"""Each group's chair becomes a current chair row, and each member a current membership row,
so the rights and the history read dated rows from now on."""

from django.db import migrations


def chairs_and_members_as_dated_rows(apps, schema_editor) -> None:
    NetworkGroup = apps.get_model("partnerships", "NetworkGroup")
    GroupChair = apps.get_model("partnerships", "GroupChair")
    GroupMembership = apps.get_model("partnerships", "GroupMembership")
    open_chairs = set(
        GroupChair.objects.filter(ends_on__isnull=True).values_list("group_id", "person_id")
    )
    GroupChair.objects.bulk_create(
        [
            GroupChair(group_id=group_id, person_id=person_id, title="chair")
            for group_id, person_id in NetworkGroup.objects.filter(chair__isnull=False)
            .values_list("pk", "chair_id")
            .iterator()
            if (group_id, person_id) not in open_chairs
        ]
    )
    open_members = set(
        GroupMembership.objects.filter(left_on__isnull=True).values_list("group_id", "person_id")
    )
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(group_id=group_id, person_id=person_id)
            for group_id, person_id in NetworkGroup.members.through.objects.values_list(
                "networkgroup_id", "person_id"
            ).iterator()
            if (group_id, person_id) not in open_members
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_group_chairs_memberships_objectives")]

    operations = [
        migrations.RunPython(chairs_and_members_as_dated_rows, migrations.RunPython.noop)
    ]
