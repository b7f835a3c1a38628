"""Where a person is written about: every text and JSON value, in any table, that holds one of
their needles (privacy.needles). Erasure replaces them; the archive lists where they are."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from privacy.links import text_columns
from privacy.needles import escaped

# Sessions are ended whole, not read; the search index is rebuilt from the rows it projects.
NOT_READ = {"django_session", "search_searchdocument", "search_searchword"}


def any_of(columns: Iterable[str], needles: Iterable[str]) -> Q:
    found = Q()
    for column in columns:
        for needle in needles:
            found |= Q(**{f"{column}__icontains": needle})
    return found


def mentions(needles: list[str]) -> Iterator[tuple[type[models.Model], models.Field, Any, Any]]:
    """(model, field, pk, value) for each value that holds a needle. One query per column."""
    if not needles:
        return
    for model, field in text_columns():
        if model._meta.db_table in NOT_READ:
            continue
        rows = model._default_manager.all()
        if isinstance(field, models.JSONField):
            rows = rows.annotate(_as_text=Cast(field.name, TextField()))
            rows = rows.filter(any_of(["_as_text"], needles + [escaped(n) for n in needles]))
        else:
            rows = rows.filter(any_of([field.name], needles))
        for pk, value in rows.values_list("pk", field.attname).iterator():
            yield model, field, pk, value
