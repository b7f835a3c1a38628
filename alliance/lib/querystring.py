"""Query strings for a directory's links: pages, export and "remove this filter"."""

from __future__ import annotations

from django.http import QueryDict


def query_without(params: QueryDict, *names: str) -> str:
    """The query string without `names` and without the page (a changed filter starts again
    at page 1).

    A submitted filter form sends every field, most of them empty: the links keep only the
    values in use.
    """
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        if key not in (*names, "page"):
            kept.setlist(key, [value for value in values if value])
    return kept.urlencode()
