from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from alliance.lib.migrations import postgresql_only


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        TrigramExtension(),
        postgresql_only(
            [
                "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
                "ON search_searchdocument USING gin (search_vector)"
            ],
            ["DROP INDEX IF EXISTS search_document_vector_gin"],
        ),
    ]
