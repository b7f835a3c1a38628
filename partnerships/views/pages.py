"""The partnership list, partnership page and network group page."""

from __future__ import annotations

import datetime
from operator import attrgetter, itemgetter

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.lib.nested import instances, json_rows
from alliance.lib.pagecache import public_page
from alliance.permissions import person_of
from events import participation
from events.models import Event, EventKind, MinuteAction
from events.occasions import occasion_rows, occasions_from_rows
from events.participation import rate_chart
from partnerships.charts import at_a_glance
from partnerships.filters import PartnershipFilter
from partnerships.models import (
    GroupMembership,
    Membership,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
    Statement,
)
from partnerships.rules import (
    can_coordinate_group,
    can_coordinate_partnership,
    can_see_group_objectives,
    can_see_member_people,
    can_view_partnership,
)
from partnerships.views.access import get_group_for_user, get_partnership_for_user
from people.models import Person
from polls.rules import poll_rows, polls_from_rows


def _person_pk(user) -> int:
    person = person_of(user)
    return person.pk if person is not None else 0


@public_page
@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse:
    """Partnerships the user may see, filtered by kind and search, with member counts."""
    partnerships = Partnership.objects.visible_to(request.user).for_list()
    filterset = PartnershipFilter(request.GET, queryset=partnerships, request=request)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "query_string": query.urlencode(),
        "is_filtered": any(request.GET.get(name) for name in ("q", "kind")),
    }
    return render(request, "partnerships/list.html", context)


# The kinds of event a rota plans and a host school, chair and minute-taker run.
MEETING_KINDS = {
    EventKind.NETWORK_MEETING,
    EventKind.YEAR_GROUP_MEETING,
    EventKind.STAFF_MEETING,
    EventKind.MODERATION,
}
# What "who is next" shows of the chair and minute-taker (Person.display_name).
_NAME_FIELDS = ("first_name", "preferred_name", "last_name", "erased_at")


def next_meeting(events, *, own_only: bool = False) -> Event | None:
    """The soonest meeting among `events` (upcoming, soonest first, already fetched): the
    rota's next host, chair and minute-taker. `own_only` skips the meetings of the
    partnership's groups, for the partnership page. No query of its own."""
    for event in events:
        if event.kind in MEETING_KINDS and not (own_only and event.network_group_id):
            return event
    return None


_PERSON_NAME = ["first_name", "last_name", "preferred_name", "erased_at"]


def _listed_with_partnership(user) -> dict:
    """Annotations for the partnership page: its network groups with their chair's name and,
    for signed-in users, the people of its partner organisations, read with the partnership
    as short JSON lists (alliance.lib.nested) rather than a query each."""
    partnership = OuterRef("pk")
    lists = {
        "occasion_rows": occasion_rows(partnership),
        "group_rows": json_rows(
            NetworkGroup.objects.filter(partnership=partnership),
            link="partnership",
            fields=["id", "name", "slug", "focus", "cadence", "chair_id"]
            + [f"chair__{name}" for name in _PERSON_NAME],
        ),
    }
    if user.is_authenticated:
        lists["organisation_people_rows"] = json_rows(
            Person.objects.filter(organisation__partnerships=partnership),
            link="organisation__partnerships",
            fields=["id", "organisation_id", "job_title", *_PERSON_NAME],
        )
    return lists


def _person(pk: int, row: dict, prefix: str = "") -> Person:
    """An unsaved Person with the name a JSON row holds (under `prefix`) and its link."""
    return Person(pk=pk, **{name: row[f"{prefix}{name}"] for name in _PERSON_NAME})


def _names(rows: list[dict] | None, *, key: str) -> dict[int, list[Person]]:
    """People of JSON rows, grouped by `key`, each group in name order."""
    grouped: dict[int, list[Person]] = {}
    for row in rows or []:
        person = _person(row["id"], row)
        person.job_title = row["job_title"]
        grouped.setdefault(row[key], []).append(person)
    for people in grouped.values():
        people.sort(key=attrgetter("last_name", "first_name"))
    return grouped


def _groups(partnership: Partnership) -> list[NetworkGroup]:
    """The partnership's network groups read with it (_listed_with_partnership), by name."""
    groups = []
    for row in partnership.group_rows or []:
        fields = {name: row[name] for name in ("name", "slug", "focus", "cadence")}
        group = NetworkGroup(pk=row["id"], partnership=partnership, **fields)
        if row["chair_id"]:
            group.chair = _person(row["chair_id"], row, prefix="chair__")
        groups.append(group)
    return sorted(groups, key=attrgetter("name"))


@public_page
@require_GET
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Members (current and past), clusters, groups, partner organisations, aims, upcoming
    events and the at-a-glance panel, in a fixed number of queries."""
    user = request.user
    # Its date polls come with it (for its members only): no query of their own.
    partnership = get_partnership_for_user(
        request,
        slug,
        queryset=Partnership.objects.with_page_lists(user).annotate(
            **poll_rows(user, of="partnership"), **_listed_with_partnership(user)
        ),
    )
    today = timezone.localdate()
    memberships = list(Membership.objects.filter(partnership=partnership).for_partnership_page())
    current = [m for m in memberships if m.left_on is None or m.left_on >= today]
    past = [m for m in memberships if m.left_on is not None and m.left_on < today]
    show_people = can_see_member_people(user, partnership)
    statements = instances(
        Statement, partnership.statement_rows, order_by=["kind", "position", "pk"]
    )
    organisations = instances(PartnerOrganisation, partnership.organisation_rows, order_by=["name"])
    people = _names(getattr(partnership, "organisation_people_rows", None), key="organisation_id")
    for organisation in organisations:
        organisation.listed_people = people.get(organisation.pk, [])
    coordinates = can_coordinate_partnership(user, partnership)
    events = list(
        Event.objects.visible_to(user)
        .filter(partnership=partnership)
        .upcoming()
        .select_related("host_school", "chair", "minute_taker")
        .only(
            "title",
            "kind",
            "starts_at",
            "network_group",
            "host_school__name",
            *(f"{person}__{name}" for person in ("chair", "minute_taker") for name in _NAME_FIELDS),
        )[:10]
    )
    context = {
        "partnership": partnership,
        "members": current,
        "past_members": past,
        "show_people": show_people,
        "children": instances(Partnership, partnership.child_rows, order_by=["name"]),
        "groups": _groups(partnership),
        "organisations": organisations,
        "aims": [s for s in statements if s.kind == Statement.Kind.AIM],
        "commitments": [s for s in statements if s.kind == Statement.Kind.COMMITMENT],
        "events": events,
        # Its occasions to come and of the last months, read with the partnership.
        "occasions": occasions_from_rows(partnership.occasion_rows),
        "new_occasion_url": reverse("events:occasion_new", args=[partnership.slug])
        if coordinates
        else "",
        "next_meeting": next_meeting(events, own_only=True),
        "charts": at_a_glance(current),
        "can_coordinate": coordinates,
        "polls": polls_from_rows(partnership),
        "new_poll_url": reverse("polls:new_partnership", args=[partnership.slug])
        if coordinates
        else "",
        "actions": [],
        "me": _person_pk(user),
    }
    if user.is_authenticated:
        # For members: attendance at the meetings of the last year (one aggregate query) and
        # the open actions of the partnership's own meetings' published minutes (one query).
        today = timezone.localdate()
        schools = participation.by_school(
            partnership.pk, today - datetime.timedelta(days=365), today
        )
        context["charts"].append(
            rate_chart(
                schools,
                title="Attendance at meetings",
                slug="attendance",
                category="School",
                caption="Per cent of the people expected at the partnership's and its groups' "
                "meetings in the last twelve months who attended, from the roll calls.",
            )
        )
        context["actions"] = (
            MinuteAction.objects.open()
            .published()
            .filter(event__partnership=partnership, event__network_group__isnull=True)
            .for_list()[:30]
        )
    return render(request, "partnerships/detail.html", context)


def people_rows(rows: list[dict] | None) -> list[dict]:
    """The JSON rows of NetworkGroupQuerySet.with_people_lists as the page shows them: each
    with its `person` (an unsaved Person with a name and a link) and its dates as dates."""
    shown = []
    for row in rows or []:
        person = Person(
            pk=row["person_id"],
            first_name=row["person__first_name"],
            last_name=row["person__last_name"],
            preferred_name=row["person__preferred_name"],
        )
        dates = {
            key: datetime.date.fromisoformat(value) if value else None
            for key, value in row.items()
            if key in {"starts_on", "joined_on", "left_on"}
        }
        shown.append({**row, **dates, "person": person})
    return sorted(shown, key=lambda row: (row["person"].last_name, row["person"].first_name))


@public_page
@require_GET
def group_detail(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Focus, chair, members, cadence, reports-to and the group's meetings, upcoming and past."""
    user = request.user
    group = get_group_for_user(
        request,
        slug,
        group_slug,
        page=True,
        queryset=NetworkGroup.objects.annotate(
            **poll_rows(user, of="group"),
            # The groups that report to this one, read with it.
            reporting_rows=json_rows(
                NetworkGroup.objects.visible_to(user).filter(reports_to=OuterRef("pk")),
                link="reports_to",
                fields=["name", "slug", "partnership__slug"],
            ),
        ),
    )
    show_people = can_see_member_people(user, group.partnership)
    events = Event.objects.visible_to(user).filter(network_group=group)
    joined = GroupMembership.objects.current().filter(group=group, person=OuterRef("pk"))
    coordinates = can_coordinate_group(user, group)
    upcoming = list(events.upcoming().select_related("host_school", "chair", "minute_taker")[:10])
    context = {
        "partnership": group.partnership,
        "group": group,
        "show_people": show_people,
        "members": group.members.select_related("school", "organisation")
        .annotate(member_since=Subquery(joined.values("joined_on")[:1]))
        .order_by("last_name", "first_name")
        if show_people
        else [],
        "chairs": people_rows(group.chair_rows) if show_people else [],
        "past_members": people_rows(group.past_member_rows) if show_people else [],
        "can_see_objectives": can_see_group_objectives(user, group),
        "reports_to": group.reports_to
        if group.reports_to and can_view_partnership(user, group.reports_to.partnership)
        else None,
        "reporting_groups": [
            {
                "name": row["name"],
                "url": reverse("partnerships:group", args=[row["partnership__slug"], row["slug"]]),
            }
            for row in sorted(group.reporting_rows or [], key=itemgetter("name"))
        ],
        "upcoming": upcoming,
        "next_meeting": next_meeting(upcoming),
        "past": events.past().select_related("host_school")[:10],
        "can_coordinate": coordinates,
        "polls": polls_from_rows(group),
        "new_poll_url": reverse("polls:new_group", args=[group.partnership.slug, group.slug])
        if coordinates
        else "",
        # The open actions of the group's published minutes, for members (minutes are).
        "actions": MinuteAction.objects.open()
        .published()
        .filter(event__network_group=group)
        .for_list()[:30]
        if user.is_authenticated
        else [],
        "me": _person_pk(user),
    }
    return render(request, "partnerships/group.html", context)
