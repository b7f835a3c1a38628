"""Reads shared by the partnerships app's QuerySets: names typed in a box, who may see what,
and the network groups' pages."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from alliance.lib.nested import json_rows
from alliance.lib.visibility import PublishedOrSignedIn
from partnerships.group_models import GroupChair, GroupMembership


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
        """Groups `person` chairs, co-leads or belongs to, for "my groups" on the home page:
        1 query."""
        co_chaired = GroupChair.objects.current().filter(person=person).values("group_id")
        return (
            self.filter(Q(members=person) | Q(chair=person) | Q(pk__in=co_chaired))
            .select_related("partnership")
            .distinct()
            .order_by("name")
        )

    def with_people_lists(self) -> NetworkGroupQuerySet:
        """For the group page: its current chairs and co-leads and its past members, each a
        short JSON list read with the group's own row (alliance.lib.nested), no query more."""
        group = OuterRef("pk")
        name = ["person_id", "person__first_name", "person__last_name", "person__preferred_name"]
        return self.annotate(
            chair_rows=json_rows(
                GroupChair.objects.current().filter(group=group, person__erased_at=None),
                link="group",
                fields=[*name, "title", "starts_on"],
            ),
            past_member_rows=json_rows(
                GroupMembership.objects.past()
                .filter(group=group, person__erased_at=None)
                .exclude(
                    person__in=GroupMembership.objects.current()
                    .filter(group=group)
                    .values("person")
                ),
                link="group",
                fields=[*name, "joined_on", "left_on"],
            ),
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
