from django.db import migrations

from alliance.lib.migrations import postgresql_only


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_word")]

    # The trigram index exists on PostgreSQL only; SQLite corrects typos differently.
    operations = [
        postgresql_only(
            [
                "CREATE INDEX IF NOT EXISTS search_word_trgm "
                "ON search_searchword USING gin (word gin_trgm_ops)"
            ],
            ["DROP INDEX IF EXISTS search_word_trgm"],
        )
    ]
