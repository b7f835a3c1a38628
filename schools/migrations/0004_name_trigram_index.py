"""Trigram indexes for the school directory's search (PostgreSQL only).

The directory matches any part of a school's name or town (`icontains`, which Django writes
as UPPER(column::text) LIKE UPPER('%words%')): without these indexes every search read all
25,000 schools of a national database; with them, the few that match. SQLite, the demo
database, scans its few dozen schools instead.
"""

from django.db import migrations

COLUMNS = ("name", "town")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS school_{column}_trgm ON schools_school "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS school_{column}_trgm")


class Migration(migrations.Migration):
    # search 0002 creates the pg_trgm extension.
    dependencies = [("schools", "0003_directory_name_index"), ("search", "0004_search_word_trigram")]

    operations = [migrations.RunPython(create, drop)]
