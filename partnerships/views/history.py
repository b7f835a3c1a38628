"""A partnership's history: its page, its member schools and its network groups, field by
field, for its coordinators and admins."""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.lib.nested import json_rows
from partnerships.models import Membership, NetworkGroup, Partnership
from partnerships.views.access import get_partnership_for_user
from people.history import entries
from people.models import Person
from schools.history import FieldChange

PAGE_SIZE = 20
WHO = ("history_user", "history_user__person")
# simple-history's row per member per version of a group.
HistoricalMember = apps.get_model("partnerships", "HistoricalNetworkGroup_members")
NAME_FIELDS = ("first_name", "preferred_name", "last_name", "erased_at")


def _members(record: Any) -> set[str]:
    """The names of a version's members, read with the version (`member_rows`, JSON)."""
    if record is None:
        return set()
    rows = record.member_rows or []
    return {
        Person(**{name: row[f"person__{name}"] for name in NAME_FIELDS}).display_name
        for row in rows
    }


def _members_change(older: Any, record: Any) -> list[FieldChange]:
    before, after = _members(older), _members(record)
    if before == after or (older is None and not after):
        return []
    shown = [", ".join(sorted(names)) or "(nobody)" for names in (before, after)]
    return [FieldChange("members", "Members", *shown)]


def _versions_by_row(records: list[Any], **options) -> list:
    """Entries for rows of one table: `records` ordered by row, newest version first."""
    out = []
    for _, versions in groupby(records, key=attrgetter("id")):
        out += entries(list(versions), **options)
    return out


@login_required
@require_GET
def partnership_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Newest first. Six queries whatever the number of versions: the session and user, the
    partnership, its versions, its memberships' versions and its groups' versions (with their
    members' names as JSON), each with who made it."""
    partnership = get_partnership_for_user(request, slug, action="coordinate")
    newest = ("-history_date", "-history_id")
    own = partnership.history.select_related(*WHO, "lead_school", "parent").order_by(*newest)
    timeline = entries(list(own), model=Partnership, subject=lambda r: "Partnership page")
    memberships = (
        Membership.history.filter(partnership_id=partnership.pk)
        .select_related(*WHO, "school", "coordinator", "partnership")
        .order_by("id", *newest)
    )
    timeline += _versions_by_row(
        list(memberships), model=Membership, subject=lambda r: f"Membership of {r.school}"
    )
    groups = (
        NetworkGroup.history.filter(partnership_id=partnership.pk)
        .select_related(*WHO, "chair", "reports_to", "partnership")
        .annotate(
            member_rows=json_rows(
                HistoricalMember.objects.filter(history=OuterRef("pk")),
                link="history",
                fields=[f"person__{name}" for name in NAME_FIELDS],
            )
        )
        .order_by("id", *newest)
    )
    timeline += _versions_by_row(
        list(groups),
        model=NetworkGroup,
        subject=lambda r: f"Network group {r.name}",
        extra=_members_change,
    )
    timeline.sort(key=attrgetter("when"), reverse=True)
    page = Paginator(timeline, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "partnerships/history.html", {"partnership": partnership, "page_obj": page}
    )
