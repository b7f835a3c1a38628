"""Ranked search over the index, with one interface and two engines.

Both: a row whose name is the query, or begins with it, comes first whatever its kind; the
query's words are read as `search.query` says (stop words dropped, "chairs" as "chair").
PostgreSQL: the stored weighted tsvector (GIN) with prefix matching ("Stockp" finds Stockport,
each partial word searched as the indexed words it begins);
when nothing matches, each word is corrected to the most similar indexed word by trigram
similarity ("mathss" -> "maths") and the search runs again. SQLite (the
demo database): every word must appear in `text`; when nothing matches, each word that begins
no indexed word is corrected to the indexed word of the same first letter with the most
trigrams in common, measured in Python as pg_trgm does. Either way the results say what was
searched instead ("Showing results for maths").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from search.models import Kind, SearchDocument, SearchWord
from search.query import WORD_RE, respelled, terms_of, why_matched
from search.rules import may_search_members_only

URN_RE = re.compile(r"^\d{6}$")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)


@dataclass
class SearchResults:
    query: str
    documents: list[SearchDocument]
    has_more: bool
    # The query as searched when its spelling was corrected ("maths" for "mathss"), else "".
    corrected: str = ""
    # The words searched for, after stop words and corrections: what `why` is measured by.
    terms: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for doc in self.documents:
            doc.why = why_matched(doc.facts, self.terms)


# Among names that match alike, the thing a name stands for before what is named after it:
# "Abbey Fields Primary School" before "Abbey Fields open morning".
KIND_ORDER = [Kind.SCHOOL, Kind.PARTNERSHIP, Kind.GROUP, Kind.PERSON, Kind.EVENT]


def name_rank(terms: list[str], query: str) -> Case:
    """Below 10 when the title is the query, below 20 when it begins with it, below 30 when
    each word begins a word of the title (by kind, KIND_ORDER, within each), else 100: "abbey"
    finds Abbey Fields Primary School before the events held there, whatever their weights."""
    phrases = {" ".join(WORD_RE.findall(query.lower())), " ".join(terms)} - {""}
    exact = Q()
    prefix = Q()
    for phrase in phrases:
        exact |= Q(title__iexact=phrase)
        prefix |= Q(title__istartswith=phrase)
    words = Q()
    for term in terms:
        words &= Q(title__istartswith=term) | Q(title__icontains=f" {term}")
    return Case(
        *(
            When(match & Q(kind=kind), then=Value(level * 10 + order))
            for level, match in enumerate([exact, prefix, words])
            for order, kind in enumerate(KIND_ORDER)
        ),
        default=Value(100),
        output_field=IntegerField(),
    )


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


def _per_term(querysets: dict[str, QuerySet]) -> dict[str, list[str]]:
    """The words each term's query finds, shortest first, in one query for all the terms
    (a UNION ALL of each term's own, limited, query)."""
    found: dict[str, list[str]] = {term: [] for term in querysets}
    tagged = [
        queryset.annotate(term=Value(term, output_field=CharField())).values_list("term", "word")
        for term, queryset in querysets.items()
    ]
    if tagged:
        rows = tagged[0].union(*tagged[1:], all=True) if len(tagged) > 1 else tagged[0]
        for term, word in rows:
            found[term].append(word)
    return found


def _completions(terms: list[str]) -> dict[str, list[str] | None]:
    """The indexed words each term begins, shortest first; None when there are too many to
    name (or the term is too short for the word list), and a `:*` prefix must do. One query."""
    looked_up = _per_term(
        {
            term: SearchWord.objects.filter(word__startswith=term).order_by(Length("word"), "word")[
                : COMPLETIONS + 1
            ]
            for term in terms
            if len(term) >= 3
        }
    )
    completions: dict[str, list[str] | None] = {}
    for term in terms:
        words = sorted(looked_up.get(term, []), key=lambda word: (len(word), word))
        nameable = len(term) >= 3 and len(words) <= COMPLETIONS
        if nameable and all(WORD_RE.fullmatch(word) for word in words):
            completions[term] = words
        else:
            completions[term] = None
    return completions


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
    documents: QuerySet, completions: dict[str, list[str] | None], limit: int, query: str
) -> QuerySet:
    """The `limit` best of the first CANDIDATES matches: names first (`name_rank`), then by
    the weighted rank.

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
    by_name = name_rank(list(completions), query)
    candidates = (
        documents.filter(search_vector=tsquery)
        .annotate(rank=rank, name_rank=by_name)
        .values("pk", "name_rank", "rank", "title")[:CANDIDATES]
    )
    sql, params = candidates.query.sql_with_params()
    best = RawSQL(
        f'SELECT "pk" FROM ({sql}) AS candidates'
        ' ORDER BY "name_rank", "rank" DESC, "title", "pk" LIMIT %s',
        (*params, limit),
    )
    return (
        documents.filter(pk__in=best)
        .annotate(rank=rank, name_rank=by_name)
        .order_by("name_rank", "-rank", "title", "pk")
    )


def is_identifier(term: str) -> bool:
    """A URN, a postcode or any word with a digit: typed exactly or not at all. "Correcting"
    URN 100001 to the most similar indexed word finds school 100002 instead."""
    return any(char.isdigit() for char in term)


def corrected(completions: dict[str, list[str] | None]) -> dict[str, str]:
    """Each word that begins no indexed word, corrected to the most similar word in the index;
    identifiers (`is_identifier`) are never replaced. One query for all the words."""
    misspelt = [
        term
        for term, words in completions.items()
        if len(term) >= 4 and words == [] and not is_identifier(term)  # None: too many
    ]
    best = _per_term(
        {
            term: SearchWord.objects.filter(word__trigram_similar=term)
            .annotate(similarity=TrigramSimilarity("word", term))
            .order_by("-similarity", "word")[:1]
            for term in misspelt
        }
    )
    return {term: words[0] for term, words in best.items() if words}


def _postgres(
    documents: QuerySet, terms: list[str], limit: int, query: str, correct: bool
) -> tuple[list[SearchDocument], dict[str, str]]:
    completions = _completions(terms)
    found = list(_postgres_ranked(documents, completions, limit + 1, query))
    if not found and correct:
        # Nothing matched: a typo ("mathss")? Correct each word against the index's words,
        # and search a corrected word as itself: it is one of the index's words.
        fixes = corrected(completions)
        if fixes:
            fixed = {
                fixes.get(term, term): ([fixes[term]] if term in fixes else words)
                for term, words in completions.items()
            }
            found = list(_postgres_ranked(documents, fixed, limit + 1, ""))
            return found, fixes
    return found, {}


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one: str, other: str) -> float:
    """pg_trgm's similarity: the trigrams two words share over all their trigrams."""
    a, b = _trigrams(one), _trigrams(other)
    return len(a & b) / len(a | b)


def _sqlite_corrections(terms: list[str]) -> dict[str, str]:
    """Each word that begins no indexed word, corrected to the most similar indexed word of
    the same first letter (as similar as pg_trgm's default threshold asks, 0.3). One query."""
    eligible = [t for t in terms if len(t) >= 4 and not is_identifier(t)]
    if not eligible:
        return {}
    initials = Q()
    for letter in {t[0] for t in eligible}:
        initials |= Q(word__startswith=letter)
    words = list(SearchWord.objects.filter(initials).values_list("word", flat=True))
    fixes = {}
    for term in eligible:
        if any(word.startswith(term) for word in words):
            continue
        scored = [(similarity(term, w), w) for w in words if w[0] == term[0]]
        score, best = max(scored, key=lambda pair: (pair[0], -len(pair[1])), default=(0, ""))
        if score >= 0.3:
            fixes[term] = best
    return fixes


def _sqlite(
    documents: QuerySet, terms: list[str], limit: int, query: str, correct: bool
) -> tuple[list[SearchDocument], dict[str, str]]:
    def all_terms(words: list[str]) -> QuerySet:
        matching = documents
        for word in words:
            matching = matching.filter(text__contains=word)
        return matching

    def ranked(words: list[str], query: str) -> list[SearchDocument]:
        by_name = name_rank(words, query)
        matching = all_terms(words).annotate(name_rank=by_name)
        return list(matching.order_by("name_rank", "kind", "title", "pk")[: limit + 1])

    found = ranked(terms, query)
    if found or not correct:
        return found, {}
    fixes = _sqlite_corrections(terms)
    if not fixes:
        return found, {}
    return ranked([fixes.get(t, t) for t in terms], ""), fixes


def search(
    query: str, *, user, kind: str = "", limit: int = 20, correct: bool = True
) -> SearchResults:
    """Up to `limit` documents best matching `query` for this user; with `correct`, a query
    that finds nothing is searched again with its misspelt words corrected.

    PostgreSQL: 2 queries (the indexed words the typed words begin, the results), and 2 more
    when a typo is corrected (the most similar words, the results). SQLite: 1, and 2 more.
    """
    terms = terms_of(query)
    if not terms:
        return SearchResults(query=query, documents=[], has_more=False)
    documents = visible_documents(user)
    if kind in Kind.values:
        documents = documents.filter(kind=kind)
    # One row more than shown tells whether there are more, without counting them all.
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    found, fixes = engine(documents, terms, limit, query, correct)
    searched = [fixes.get(term, term) for term in terms]
    return SearchResults(
        query=query,
        documents=found[:limit],
        has_more=len(found) > limit,
        corrected=respelled(query, fixes) if found and fixes else "",
        terms=searched,
    )
