"""Order statements by position, and refuse overlapping memberships in the database.

The exclusion constraint needs PostgreSQL (GiST over a daterange, with btree_gist for the
equality on school and partnership), so it is created only there; SQLite keeps the
one-open-membership unique constraint and the model's clean(). It lives outside the model's
Meta on purpose: Django cannot create it on SQLite.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

CONSTRAINT = "membership_no_overlapping_dates"


def add_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE partnerships_membership ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (school_id WITH =, partnership_id WITH =, "
        "daterange(joined_on, left_on, '[]') WITH &&)"
    )


def drop_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE partnerships_membership DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0002_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["partnership", "kind", "position"], name="statement_order_idx"
            ),
        ),
        migrations.AlterConstraint(
            model_name="membership",
            name="membership_one_current_per_school",
            constraint=models.UniqueConstraint(
                condition=models.Q(("left_on__isnull", True)),
                fields=("school", "partnership"),
                name="membership_one_current_per_school",
                violation_error_message=(
                    "This school already has a membership of this partnership with no end date."
                ),
            ),
        ),
        # A no-op on databases other than PostgreSQL.
        BtreeGistExtension(),
        migrations.RunPython(add_exclusion_constraint, drop_exclusion_constraint, elidable=False),
    ]
