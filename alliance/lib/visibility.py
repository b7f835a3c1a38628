"""One definition for a "published or signed in" rule, read both ways.

The public sees the rows whose `published` field (a lookup path such as "is_published" or
"partnership__is_published") is true; anyone signed in sees every row. The list filter
(`filter`) and the single-object check (`allows`) come from this one declaration, so a page and
its list cannot disagree; `allows` reads only the object and what is loaded with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from django.db.models import QuerySet


@dataclass(frozen=True)
class PublishedOrSignedIn:
    published: str

    def filter(self, queryset: QuerySet, user) -> QuerySet:
        if user.is_authenticated:
            return queryset
        return queryset.filter(**{self.published: True})

    def allows(self, user, obj) -> bool:
        return user.is_authenticated or bool(attrgetter(self.published.replace("__", "."))(obj))
