"""The partnership list, partnership page and network group page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance.lib.nested import instances
from alliance.lib.pagecache import by_answers, members, public_page, read_once, viewer_answers
from alliance.permissions import (
    can_coordinate_group,
    can_coordinate_partnership,
    can_see_contacts,
    can_see_member_people,
    can_view_partnership,
)
from events.models import Event
from partnerships.charts import at_a_glance
from partnerships.filters import PartnershipFilter
from partnerships.models import (
    Membership,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
    Statement,
)
from partnerships.views.access import get_group_for_user, get_partnership_for_user


@public_page(members=members)
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


def _partnership_page(request: HttpRequest, slug: str) -> tuple[Partnership, list, list]:
    """The page's partnership and its current and past memberships: read once a request, by
    whichever asks first (the page cache, for the audience, or the page)."""

    def load() -> tuple[Partnership, list, list]:
        partnership = get_partnership_for_user(
            request, slug, queryset=Partnership.objects.with_page_lists(request.user)
        )
        today = timezone.localdate()
        memberships = list(
            Membership.objects.filter(partnership=partnership).for_partnership_page()
        )
        current = [m for m in memberships if m.left_on is None or m.left_on >= today]
        past = [m for m in memberships if m.left_on is not None and m.left_on < today]
        return partnership, current, past

    return read_once(request, f"partnership:{slug}", load)


def _rights(request: HttpRequest, slug: str) -> dict:
    """What the partnership page shows by who is looking: whether they coordinate it (its
    buttons) and the coordinators whose contacts they may see. The page is rendered by the
    answers its audience was named by (alliance.lib.pagecache.viewer_answers)."""

    def ask() -> dict:
        partnership, current, _ = _partnership_page(request, slug)
        user = request.user
        show_people = can_see_member_people(user, partnership)
        return {
            "can_coordinate": can_coordinate_partnership(user, partnership),
            "contacts_of": tuple(
                sorted(
                    m.coordinator_id
                    for m in current
                    if show_people and m.coordinator and can_see_contacts(user, m.coordinator)
                )
            ),
        }

    return viewer_answers(request, f"partnership-rights:{slug}", ask)


# Members share a partnership page with those who may do and see the same on it: its
# coordinators apart (their buttons), the rest by whose contacts, of the coordinators it lists,
# each coordinator lets them see; admins apart.
@public_page(members=by_answers(_rights))
@require_GET
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Members (current and past), clusters, groups, partner organisations, aims, upcoming
    events and the at-a-glance panel, in a fixed number of queries."""
    partnership, current, past = _partnership_page(request, slug)
    show_people = can_see_member_people(request.user, partnership)
    rights = _rights(request, slug)
    members = [(m, m.coordinator_id in rights["contacts_of"]) for m in current]
    statements = instances(
        Statement, partnership.statement_rows, order_by=["kind", "position", "pk"]
    )
    organisations = instances(PartnerOrganisation, partnership.organisation_rows, order_by=["name"])
    if show_people:
        prefetch_related_objects(organisations, "people")
    context = {
        "partnership": partnership,
        "members": members,
        "past_members": past,
        "show_people": show_people,
        "children": instances(Partnership, partnership.child_rows, order_by=["name"]),
        "groups": partnership.network_groups.for_partnership_page(),
        "organisations": organisations,
        "aims": [s for s in statements if s.kind == Statement.Kind.AIM],
        "commitments": [s for s in statements if s.kind == Statement.Kind.COMMITMENT],
        "events": Event.objects.visible_to(request.user)
        .filter(partnership=partnership)
        .upcoming()
        .select_related("host_school")
        .only("title", "starts_at", "host_school__name")[:10],
        "charts": at_a_glance(current),
        "can_coordinate": rights["can_coordinate"],
    }
    return render(request, "partnerships/detail.html", context)


def _group_page(request: HttpRequest, slug: str, group_slug: str) -> NetworkGroup:
    """The page's group: read once a request (see _partnership_page)."""
    return read_once(
        request, f"group:{slug}:{group_slug}", lambda: get_group_for_user(request, slug, group_slug)
    )


def _group_rights(request: HttpRequest, slug: str, group_slug: str) -> dict[str, bool]:
    """What the group page shows by who is looking: whether they coordinate it (its chair, the
    partnership's coordinators and admins: the edit button). Members' names are for every
    member alike, and it shows no contacts."""

    def ask() -> dict[str, bool]:
        group = _group_page(request, slug, group_slug)
        return {"can_coordinate": can_coordinate_group(request.user, group)}

    return viewer_answers(request, f"group-rights:{slug}:{group_slug}", ask)


@public_page(members=by_answers(_group_rights))
@require_GET
def group_detail(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Focus, chair, members, cadence, reports-to and the group's meetings, upcoming and past."""
    group = _group_page(request, slug, group_slug)
    show_people = can_see_member_people(request.user, group.partnership)
    events = Event.objects.visible_to(request.user).filter(network_group=group)
    context = {
        "partnership": group.partnership,
        "group": group,
        "show_people": show_people,
        "members": group.members.select_related("school", "organisation").order_by(
            "last_name", "first_name"
        )
        if show_people
        else [],
        "reports_to": group.reports_to
        if group.reports_to and can_view_partnership(request.user, group.reports_to.partnership)
        else None,
        "reporting_groups": NetworkGroup.objects.visible_to(request.user)
        .filter(reports_to=group)
        .select_related("partnership")
        .order_by("name"),
        "upcoming": events.upcoming().select_related("host_school")[:10],
        "past": events.past().select_related("host_school")[:10],
        **_group_rights(request, slug, group_slug),
    }
    return render(request, "partnerships/group.html", context)
