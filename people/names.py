"""Finding people by name: each word typed matches the start of a word of their first, last or
preferred name ("pat" finds Patel and Anne-Marie Patterson, "mar" finds Anne-Marie), as the
public register's and most directories' searches do; never the middle of a word, and never an
e-mail or telephone (that would reveal contacts a person hid)."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

# The words of a person's names, as PostgreSQL's 'simple' text search splits and lowercases
# them (a hyphenated name gives the whole and each part). people migration 0010 indexes
# exactly this expression: change both together.
NAME_WORDS = (
    "to_tsvector('simple'::regconfig, "
    "COALESCE(first_name, '') || ' ' || COALESCE(last_name, '') || ' ' || "
    "COALESCE(preferred_name, ''))"
)
MAX_WORDS = 5
# Spaces, hyphens and apostrophes separate the words of a name as typed; any other character
# that is not a letter or digit (the text search operators & | ! : * ( ) < >, the dot and @ of
# an e-mail address) is dropped, so "robin.target@example.org" is one word no name has.
_SEPARATORS = re.compile(r"[\s'\u2019-]+")
_DROPPED = re.compile(r"[^\w\s'\u2019-]|_")


def name_words(text: str) -> list[str]:
    """The words typed, as the search matches them: at most MAX_WORDS, lowercased."""
    words = _SEPARATORS.split(_DROPPED.sub("", text).lower())
    return [word for word in words if word][:MAX_WORDS]


def matching_name(queryset: QuerySet, text: str) -> QuerySet:
    """People in `queryset` with a name word starting with each word of `text`."""
    words = name_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        return queryset.filter(
            RawSQL(
                f"{NAME_WORDS} @@ to_tsquery('simple'::regconfig, %s)",
                [query],
                output_field=BooleanField(),
            )
        )
    # Elsewhere (SQLite, the demo): a word starts where no letter or digit comes before it.
    for word in words:
        starts = rf"(^|\W|_){re.escape(word)}"
        queryset = queryset.filter(
            Q(first_name__iregex=starts)
            | Q(last_name__iregex=starts)
            | Q(preferred_name__iregex=starts)
        )
    return queryset
