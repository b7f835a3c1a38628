"""The people directory's name search matches the start of any word of a name ("pat" finds
Patel and Anne-Marie Patterson): on PostgreSQL through one GIN index over the name's words
(people.names.NAME_WORDS, the same expression the search asks), in place of the trigram
indexes for matching any part of a name. SQLite, the demo database, scans its few hundred
people instead."""

from django.db import migrations

from people.names import NAME_WORDS

COLUMNS = ("first_name", "last_name", "preferred_name")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS person_name_words ON people_person USING gin (({NAME_WORDS}))"
    )
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS person_{column}_trgm")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_name_words")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS person_{column}_trgm ON people_person "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0010_person_named")]

    operations = [migrations.RunPython(create, drop)]
