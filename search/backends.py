"""Ranked search over the index, with one interface and two engines.

PostgreSQL: the stored weighted tsvector (GIN) with prefix matching ("Stockp" finds Stockport,
each partial word searched as the indexed words it begins);
when nothing matches, each word is corrected to the most similar indexed word by trigram
similarity ("mathss" -> "maths") and the search runs again. SQLite (the
demo database): every word must appear in `text`, with a one-letter-shorter retry for typos.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from search.models import Kind, SearchDocument, SearchWord
from search.rules import may_search_members_only

MAX_TERMS = 8
URN_RE = re.compile(r"^\d{6}$")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)


@dataclass
class SearchResults:
    query: str
    documents: list[SearchDocument]
    has_more: bool


def terms_of(query: str) -> list[str]:
    return re.findall(r"\w+", query.lower())[:MAX_TERMS]


def visible_documents(user) -> QuerySet[SearchDocument]:
    """What this user may find: the public sees published things and never people."""
    documents = SearchDocument.objects.defer("body", "text", "search_vector")
    if may_search_members_only(user):
        return documents
    return documents.filter(is_public=True).exclude(kind=Kind.PERSON)


def exact_match(query: str, user) -> SearchDocument | None:
    """A URN or postcode typed alone: the one school that has it, if exactly one does."""
    cleaned = query.strip().upper()
    if not (URN_RE.match(cleaned) or POSTCODE_RE.match(cleaned)):
        return None
    key = cleaned.replace(" ", "")
    matches = list(visible_documents(user).filter(kind=Kind.SCHOOL, keys__icontains=key)[:2])
    return matches[0] if len(matches) == 1 else None


# Rank at most this many matches: a word found in half the index ("primary") would otherwise
# rank hundreds of thousands of rows to show twenty.
CANDIDATES = 1000


# A word typed in part ("Stockp") stands for the indexed words it begins. Up to this many are
# looked up in the word list and searched as whole words: PostgreSQL answers a prefix (`:*`)
# by gathering every matching entry of the GIN index into a bitmap first, which for common
# words cost 30 ms where the same words, named, cost 4 (bench/run.py, "maths sle").
COMPLETIONS = 20
WORD_RE = re.compile(r"\w+")


def _completions(term: str) -> list[str] | None:
    """The indexed words `term` begins, shortest first; None when there are too many to name
    (or the term is too short for the word list), and a `:*` prefix must do. One query."""
    if len(term) < 3:
        return None
    words = list(
        SearchWord.objects.filter(word__startswith=term)
        .order_by(Length("word"), "word")
        .values_list("word", flat=True)[: COMPLETIONS + 1]
    )
    if len(words) > COMPLETIONS or not all(WORD_RE.fullmatch(word) for word in words):
        return None
    return words


def _tsquery_text(completions: dict[str, list[str] | None]) -> str:
    """Every term must match: as one of the words it begins, or as a prefix."""
    parts = []
    for term, words in completions.items():
        if words is None:
            parts.append(f"{term}:*")
        elif words:
            parts.append("(" + " | ".join(words) + ")")
        else:
            return ""  # a word that begins no indexed word: nothing can match
    return " & ".join(parts)


def _postgres_ranked(
    documents: QuerySet, completions: dict[str, list[str] | None], limit: int
) -> QuerySet:
    """The `limit` best of the first CANDIDATES matches, best first.

    The candidates are ranked as they are found, in the one pass over their rows that checks
    the match, and only the best `limit` are read again in full: reading all the candidates
    again by key to rank them was half the time of a search that matches thousands
    ("maths sle": 14 ms of SQL, 7.5 this way).
    """
    text = _tsquery_text(completions)
    if not text:
        return documents.none()
    tsquery = SearchQuery(text, search_type="raw", config="simple")
    rank = SearchRank(F("search_vector"), tsquery)
    candidates = (
        documents.filter(search_vector=tsquery)
        .annotate(rank=rank)
        .values("pk", "rank", "title")[:CANDIDATES]
    )
    sql, params = candidates.query.sql_with_params()
    best = RawSQL(
        f'SELECT "pk" FROM ({sql}) AS candidates ORDER BY "rank" DESC, "title", "pk" LIMIT %s',
        (*params, limit),
    )
    return documents.filter(pk__in=best).annotate(rank=rank).order_by("-rank", "title", "pk")


def is_identifier(term: str) -> bool:
    """A URN, a postcode or any word with a digit: typed exactly or not at all. "Correcting"
    URN 100001 to the most similar indexed word finds school 100002 instead."""
    return any(char.isdigit() for char in term)


def corrected(completions: dict[str, list[str] | None]) -> list[str]:
    """Each word replaced by the most similar word in the index, when it begins none;
    identifiers (`is_identifier`) are never replaced."""
    fixed = []
    for term, words in completions.items():
        if len(term) < 4 or words != [] or is_identifier(term):  # None: too many to name
            fixed.append(term)
            continue
        best = (
            SearchWord.objects.filter(word__trigram_similar=term)
            .annotate(similarity=TrigramSimilarity("word", term))
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
        fixed.append(best or term)
    return fixed


def _postgres(documents: QuerySet, terms: list[str], limit: int) -> list[SearchDocument]:
    completions = {term: _completions(term) for term in dict.fromkeys(terms)}
    found = list(_postgres_ranked(documents, completions, limit + 1))
    if not found:
        # Nothing matched: a typo ("mathss")? Correct each word against the index's words.
        fixed = corrected(completions)
        if fixed != list(completions):
            fixed_completions = {term: _completions(term) for term in dict.fromkeys(fixed)}
            found = list(_postgres_ranked(documents, fixed_completions, limit + 1))
    return found


def _sqlite(documents: QuerySet, terms: list[str]) -> QuerySet:
    def all_terms(words: list[str]) -> QuerySet:
        matching = documents
        for word in words:
            matching = matching.filter(text__contains=word)
        return matching

    matching = all_terms(terms)
    if not matching.exists():
        # A typo is most often one letter too many ("mathss"): try without the last letter.
        matching = all_terms([w[:-1] if len(w) > 4 and not is_identifier(w) else w for w in terms])
    return matching.order_by("kind", "title")


def search(query: str, *, user, kind: str = "", limit: int = 20) -> SearchResults:
    """Up to `limit` documents best matching `query` for this user.

    PostgreSQL: 1 query, plus 1 per word of 3 letters or more (the words it begins), and 2 per
    corrected word and 1 more when a typo is corrected. SQLite: 2.
    """
    terms = terms_of(query)
    if not terms:
        return SearchResults(query=query, documents=[], has_more=False)
    documents = visible_documents(user)
    if kind in Kind.values:
        documents = documents.filter(kind=kind)
    # One row more than shown tells whether there are more, without counting them all.
    if connection.vendor == "postgresql":
        found = _postgres(documents, terms, limit)
    else:
        found = list(_sqlite(documents, terms)[: limit + 1])
    return SearchResults(query=query, documents=found[:limit], has_more=len(found) > limit)
