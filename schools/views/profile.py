"""The school page: public when the school is published."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.lib.pagecache import by_answers, public_page, read_once, viewer_answers
from alliance.permissions import (
    can_edit_school,
    can_invite_to_school,
    can_view_school_history,
)
from registers.nearby import schools_near
from schools.models import School
from schools.selectors import (
    school_partnerships_and_groups,
    school_role_holders,
    school_upcoming_events,
)
from schools.views.access import get_school_for_user

NEARBY_KM = 5


def _school_for_page(request: HttpRequest, slug: str) -> School:
    """The page's school, with whether the user edits it: read once a request, by whichever
    asks first (the page cache, for the audience, or the page)."""
    return read_once(
        request,
        f"school:{slug}",
        lambda: get_school_for_user(request, slug, queryset=School.objects.for_page()),
    )


def _rights(request: HttpRequest, slug: str) -> dict[str, bool]:
    """What the school page shows by who is looking: the page is rendered by the answers its
    audience was named by (alliance.lib.pagecache.viewer_answers)."""

    def ask() -> dict[str, bool]:
        school, user = _school_for_page(request, slug), request.user
        return {
            "can_edit": can_edit_school(user, school),
            "can_view_history": can_view_school_history(user, school),
            "can_invite": can_invite_to_school(user, school),
        }

    return viewer_answers(request, f"school-rights:{slug}", ask)


# Members share a school page with those it shows the same buttons to: its headteacher (edit,
# history, invite), its editors (edit, history), everyone else; admins apart. The page names
# staff, never their contacts.
@public_page(members=by_answers(_rights))
@require_GET
def school_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Facts with their source, contacts, Ofsted, partnerships, groups, role holders (names for
    signed-in users only, never their contacts) and upcoming events. A fixed number of queries.
    """
    school = _school_for_page(request, slug)
    user = request.user
    memberships, groups = school_partnerships_and_groups(school, user)
    context = {
        "school": school,
        "sources": school.fact_sources,
        **_rights(request, slug),
        "memberships": memberships,
        "groups": groups,
        "staff": school_role_holders(school) if user.is_authenticated else [],
        "events": school_upcoming_events(school, user),
        "nearby": schools_near(school, NEARBY_KM, queryset=School.objects.visible_to(user)),
        "nearby_km": NEARBY_KM,
    }
    return render(request, "schools/detail.html", context)
