"""A short list of related rows as one JSON column of the parent's own query.

A page about one object often shows a few short lists about it (a partnership's aims, its
clusters, its partner organisations); each would cost a query of its own. `json_rows` folds
such a list into the parent's query as a correlated subquery that aggregates the rows into a
JSON array (PostgreSQL's jsonb_agg, SQLite's json_group_array), and `instances` turns the
array back into model instances, in a given order, as if the rows had been read with
`.only(*fields)`. A field left out stays deferred, so a template reaching for it runs a
query, which the query-count tests and the template query guard catch.

Short lists only: the whole list travels in one value of one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from django.db import models
from django.db.models import Aggregate, JSONField, Subquery
from django.db.models.functions import JSONObject


class JSONList(Aggregate):
    """The aggregated values as a JSON array."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def json_rows(queryset: models.QuerySet, *, link: str, fields: Iterable[str]) -> Subquery:
    """`queryset`'s rows (filtered on OuterRef through `link`, the lookup to the parent) with
    `fields`, as a JSON array: NULL when there are none."""
    row = JSONObject(**{name: name for name in fields})
    return Subquery(queryset.order_by().values(link).annotate(rows=JSONList(row)).values("rows"))


def instances(model: type[models.Model], rows: list[dict] | None, *, order_by: Iterable[str]):
    """Model instances from `json_rows`' array, sorted on the `order_by` attributes."""
    concrete = [field.attname for field in model._meta.concrete_fields]
    objects = []
    for row in rows or []:
        names = [name for name in concrete if name in row]
        objects.append(model.from_db("default", names, [row[name] for name in names]))
    objects.sort(key=attrgetter(*order_by))
    return objects
