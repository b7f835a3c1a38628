from django.db import migrations

from alliance.lib.migrations import postgresql_only


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_word_trigram")]

    # Visitors who are not signed in search only public documents, never people: half a
    # million people's roles hold the words they type ("maths"), and through the whole index a
    # visitor's search rechecked every one of those rows to keep none (137 ms for "maths", 2
    # ms with this).
    operations = [
        postgresql_only(
            [
                "CREATE INDEX IF NOT EXISTS search_public_vector_gin ON search_searchdocument "
                "USING gin (search_vector) WHERE is_public AND kind <> 'person'"
            ],
            ["DROP INDEX IF EXISTS search_public_vector_gin"],
        )
    ]
