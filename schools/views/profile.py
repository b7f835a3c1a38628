"""The school page: public when the school is published."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.rules import can_invite_to_school
from alliance.lib.pagecache import public_page
from schools.facts import fact_sources
from schools.feeders import FeederLink
from schools.models import School
from schools.nearby import schools_near
from schools.rules import can_edit_school, can_view_school_history
from schools.selectors import (
    school_current_staff,
    school_partnerships_and_groups,
    school_upcoming_events,
)
from schools.views.access import get_school_for_user

NEARBY_KM = 5


def linked_schools(rows: list[dict] | None, side: str) -> list[dict]:
    """for_page's feeder rows as the page lists them: each linked school's name and page, and
    whether it is a feeder or a transition partner, by name."""
    linked = [
        {
            "name": row[f"{side}__name"],
            "url": reverse("schools:detail", kwargs={"slug": row[f"{side}__slug"]}),
            "kind": FeederLink.Kind(row["kind"]).label,
        }
        for row in rows or []
    ]
    return sorted(linked, key=lambda school: school["name"])


@public_page
@require_GET
def school_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Facts with their source, contacts, Ofsted, partnerships, groups, current staff with
    their roles (names for signed-in users only, never their contacts) and upcoming events. A
    fixed number of queries."""
    user = request.user
    school = get_school_for_user(request, slug, queryset=School.objects.for_page())
    memberships, groups = school_partnerships_and_groups(school, user)
    context = {
        "school": school,
        "sources": fact_sources(school),
        "can_edit": can_edit_school(user, school),
        "can_view_history": can_view_school_history(user, school),
        "can_invite": can_invite_to_school(user, school),
        "memberships": memberships,
        "groups": groups,
        "staff": school_current_staff(school) if user.is_authenticated else [],
        "events": school_upcoming_events(school, user),
        "nearby": schools_near(school, NEARBY_KM, queryset=School.objects.visible_to(user)),
        "nearby_km": NEARBY_KM,
        "feeds": linked_schools(school.feeds_rows, "receiver"),
        "fed_by": linked_schools(school.fed_by_rows, "feeder"),
    }
    return render(request, "schools/detail.html", context)
