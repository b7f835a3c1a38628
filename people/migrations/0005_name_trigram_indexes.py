"""Trigram indexes for the people directory's name search (PostgreSQL only).

The directory matches any part of a name (`icontains`, which Django writes as
UPPER(column::text) LIKE UPPER('%word%')); these indexes answer that without reading every
person. SQLite, the demo database, scans its few hundred people instead.
"""

from django.db import migrations

COLUMNS = ("first_name", "last_name", "preferred_name")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS person_{column}_trgm ON people_person "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS person_{column}_trgm")


class Migration(migrations.Migration):
    # search 0002 creates the pg_trgm extension.
    dependencies = [("people", "0004_seed_vocabularies"), ("search", "0004_search_word_trigram")]

    operations = [migrations.RunPython(create, drop)]
