"""One search index for the whole portal: a row per school, person, partnership, group, event.

The rows hold only what may be searched: names, roles, specialisms, towns, postcodes, URNs.
Never a person's e-mail or telephone, so a search can never reveal a contact the person hid.
On PostgreSQL `search_vector` is a stored, weighted tsvector with a GIN index, and typos are
corrected against `SearchWord` with a trigram index (see the migrations); on SQLite the
fallback backend reads `text` with LIKE.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    SCHOOL = "school", "School"
    PERSON = "person", "Person"
    PARTNERSHIP = "partnership", "Partnership"
    GROUP = "group", "Network group"
    EVENT = "event", "Event"
    ORGANISATION = "organisation", "Partner organisation"


class SearchDocument(models.Model):
    kind = models.CharField(max_length=20, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    # Identifiers typed on their own (URN, postcode without spaces) for exact look-ups.
    keys = models.CharField(max_length=300, blank=True)
    # Everything else worth finding: roles, specialisms, town, phase, partnership names.
    body = models.TextField(blank=True)
    # Short facts, one a line ("SLE: maths", "Chair of SEND network", "Primary"): searched, and
    # shown under a result when a word of the query begins one of theirs.
    facts = models.TextField(blank=True)
    # title + keys + subtitle + facts + body, lower-cased: what the SQLite fallback reads.
    text = models.TextField(blank=True)
    # Visible to the public (published schools, partnerships, events). People never are.
    is_public = models.BooleanField(default=False)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]
        indexes = [models.Index(fields=["keys"], name="search_document_keys_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class SearchWord(models.Model):
    """Every distinct word in the index: typos are corrected against it by trigram similarity
    (a small table with a trigram GIN index on PostgreSQL, instead of comparing the query with
    every document)."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.word
