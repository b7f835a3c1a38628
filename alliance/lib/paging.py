"""Pagination that stays cheap on tables of any size.

Django's Paginator runs COUNT(*) over every matching row and lets a visitor ask for any page,
which means an OFFSET over the whole table. At national scale (500,000 people) both are slow.
`CappedPaginator` reads the keys of at most `cap` + 1 matching rows, in order, in one query
(`SELECT id ... ORDER BY ... LIMIT cap + 1`): their number is the count, and a page is the
rows of its slice of keys, fetched by primary key. So the filters and the sort run once per
request, not once for the count and again for the page, and the last page costs what the
first does. Pages stop at the cap; the page says "1,000+" and asks the visitor to narrow the
search instead. A thousand rows is fifty pages: nobody reads further.

With `count_apart`, the count is a query of its own that stops at the cap (in no order, so
the database finds the matches the cheapest way) and a page reads the keys only as far as its
last row. That is for a filter whose matches are many but found in order only one by one (a
role 50,000 people hold, tested person by person in name order): the first page reads twenty
keys rather than a thousand, and the last page reads what every page reads without it.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

DEFAULT_CAP = 1_000


class CappedPage(Page):
    def end_index(self) -> int:
        return min(super().end_index(), self.paginator.shown_count)


class CappedPaginator(Paginator):
    """Two queries for a page of a queryset whatever its size (the keys, then the page's rows,
    plus the queryset's own prefetches); one when nothing matches. With count_apart, three (the
    count, the page's keys, its rows). Orphans are not supported.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        cap: int = DEFAULT_CAP,
        rows: QuerySet | None = None,
        count_apart: bool = False,
        **kwargs,
    ) -> None:
        """`rows` is where a page's rows are read by primary key (the page's select_related,
        only and prefetches); by default `object_list` itself, which checks its filters again
        on those few rows. Pass the unfiltered queryset when a filter is costly to repeat.
        `count_apart`: see the module."""
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.rows = rows
        self.count_apart = count_apart and isinstance(object_list, QuerySet)

    def _keys(self, limit: int) -> list:
        keys = self.object_list.prefetch_related(None).values_list("pk", flat=True)
        return list(keys[:limit])

    @cached_property
    def keys(self) -> list | None:
        """The primary keys of the first cap + 1 rows in the queryset's order (None for a list,
        or with count_apart, where each page reads its own)."""
        if not isinstance(self.object_list, QuerySet) or self.count_apart:
            return None
        return self._keys(self.cap + 1)

    @cached_property
    def count(self) -> int:
        """The number of rows, but never more than cap + 1 (which means "more than cap")."""
        if self.count_apart:
            matches = self.object_list.prefetch_related(None).order_by().values("pk")
            return matches[: self.cap + 1].count()
        if self.keys is None:
            return min(len(self.object_list), self.cap + 1)
        return len(self.keys)

    @cached_property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def shown_count(self) -> int:
        return min(self.count, self.cap)

    @cached_property
    def num_pages(self) -> int:
        if self.shown_count == 0 and not self.allow_empty_first_page:
            return 0
        return max(1, -(-self.shown_count // self.per_page))

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.shown_count)
        if self.count_apart:
            keys = self._keys(top)[bottom:top]
        elif self.keys is None:
            return self._get_page(self.object_list[bottom:top], number, self)
        else:
            keys = self.keys[bottom:top]
        if not keys:
            return self._get_page([], number, self)
        # The page's rows by primary key, in the order the keys were read; a row deleted since
        # is simply left out.
        source = self.object_list if self.rows is None else self.rows
        rows = {row.pk: row for row in source.filter(pk__in=keys).order_by()}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)

    def _get_page(self, *args, **kwargs) -> CappedPage:
        return CappedPage(*args, **kwargs)


def page_summary(page: Page) -> str:
    """ "Showing 21-40 of 137", or "of 1,000+" when the count was capped."""
    paginator = page.paginator
    total = getattr(paginator, "shown_count", paginator.count)
    if total == 0:
        return "No results"
    more = "+" if getattr(paginator, "is_capped", False) else ""
    return f"Showing {page.start_index():,}-{page.end_index():,} of {total:,}{more}"
