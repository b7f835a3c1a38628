from django.db import migrations


def _run(sql):
    def run(apps, schema_editor):
        # The trigram index exists on PostgreSQL only; SQLite corrects typos differently.
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_word")]

    operations = [
        migrations.RunPython(
            _run(
                "CREATE INDEX IF NOT EXISTS search_word_trgm "
                "ON search_searchword USING gin (word gin_trgm_ops)"
            ),
            _run("DROP INDEX IF EXISTS search_word_trgm"),
        )
    ]
