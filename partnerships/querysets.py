"""Reads shared by the partnerships app's QuerySets: names typed in a box, who may see what,
and the network groups' pages."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, Q

from alliance.lib.visibility import PublishedOrSignedIn


def _named(queryset, text: str, *, slug: bool):
    """What a directory's "Partnership" or "Network group" text box names (a text box: a region
    has thousands): a whole name, slug or id (as links carry them) names that row alone, else
    part of a name names every row containing it. One query either way."""
    text = text.strip()
    exact = Q(name__iexact=text)
    if slug:
        exact |= Q(slug=text)
    if text.isdigit():
        exact |= Q(pk=int(text))
    return queryset.filter(exact | (Q(name__icontains=text) & ~Exists(queryset.filter(exact))))


# Who sees a partnership, and a network group through its partnership: the list filters and
# partnerships.rules.can_view_partnership read these.
VISIBILITY = PublishedOrSignedIn("is_published")
GROUP_VISIBILITY = PublishedOrSignedIn("partnership__is_published")


class NetworkGroupQuerySet(models.QuerySet["NetworkGroup"]):
    def named(self, text: str) -> NetworkGroupQuerySet:
        return _named(self, text, slug=False)

    def visible_to(self, user) -> NetworkGroupQuerySet:
        return GROUP_VISIBILITY.filter(self, user)

    def for_person(self, person) -> NetworkGroupQuerySet:
        """Groups `person` chairs or belongs to, for "my groups" on the home page: 1 query."""
        return (
            self.filter(Q(members=person) | Q(chair=person))
            .select_related("partnership")
            .distinct()
            .order_by("name")
        )

    def for_partnership_page(self) -> NetworkGroupQuerySet:
        """The groups a partnership page lists: name, focus, cadence and the chair's name."""
        return (
            self.select_related("chair")
            .only(
                "name",
                "slug",
                "focus",
                "cadence",
                "partnership",
                "chair__first_name",
                "chair__last_name",
                "chair__preferred_name",
                "chair__erased_at",
            )
            .order_by("name")
        )
