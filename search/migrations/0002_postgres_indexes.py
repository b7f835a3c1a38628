from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
    "ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_document_text_trgm "
    "ON search_searchdocument USING gin (text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "DROP INDEX IF EXISTS search_document_text_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        # GIN and trigram indexes exist on PostgreSQL only; SQLite searches with LIKE.
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
