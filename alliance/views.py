import copy
import sys
import time

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from alliance.lib.pagecache import by_answers, fills, hole, public_page, viewer_answers
from alliance.middleware import DATABASE_UNAVAILABLE, database_unavailable_response
from alliance.permissions import person_of
from events.models import Event
from partnerships.models import NetworkGroup, Partnership
from schools.models import School


def _mine(request: HttpRequest) -> dict:
    """What the home page lists as the member's own: their school, partnerships and groups,
    as the links and labels it shows (the page is rendered by these answers, which name its
    audience too: alliance.lib.pagecache.viewer_answers). Three queries, or none while kept.

    Each list is read as far as its links and labels need: a school row alone has some fifty
    columns, and the lists are DISTINCT over what they select.
    """

    def ask() -> dict:
        person = person_of(request.user)
        if person is None:
            return {"has_profile": False}
        school = None
        if person.school_id:
            school = School.objects.only("name", "slug").get(pk=person.school_id)
        partnerships = (
            Partnership.objects.for_person(person).only("name", "slug", "kind").order_by("name")
        )
        groups = NetworkGroup.objects.for_person(person).only(
            "name", "slug", "chair", "partnership__name", "partnership__slug"
        )
        return {
            "has_profile": True,
            "my_school": _link(school) if school else None,
            "my_partnerships": [_link(p, meta=p.get_kind_display()) for p in partnerships],
            "my_groups": [
                _link(
                    group,
                    meta=group.partnership.name,
                    chair=group.chair_id == person.pk,
                )
                for group in groups
            ],
        }

    return viewer_answers(request, "home:mine", ask)


def _link(row, **labels) -> dict:
    return {"name": row.name, "url": row.get_absolute_url(), **labels}


@fills("my-name")
def _my_name(request: HttpRequest) -> str:
    person = person_of(request.user)
    return escape(person.display_name) if person else ""


# Members whose school, partnerships and groups are the same share a home page (admins apart
# by their header's links, and by their own answers): each is greeted by name in a hole.
@public_page(members=by_answers(_mine, admins_alike=False))
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What's on, my school, my partnerships and groups. A fixed number of queries."""
    events = Event.objects.visible_to(request.user).upcoming().for_directory()[:8]
    context = {"events": events, **_mine(request)}
    if context["has_profile"]:
        context["my_name"] = hole(request, "my-name")
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: 200 whenever this process answers. Touches no database, so a database outage
    never makes a supervisor restart healthy app servers."""
    return JsonResponse({"status": "ok"})


def database_answers(alias: str = "default") -> bool:
    """Whether a NEW connection to the database answers `SELECT 1` within the readiness bound.

    A fresh connection, not the worker's persistent one: a kept connection can look healthy
    while the server refuses new ones. libpq's connect timeout and a statement timeout bound the
    wait (READYZ_TIMEOUT_SECONDS) so a hung server cannot hang the check.
    """
    params = copy.deepcopy(connections[alias].settings_dict)
    timeout = settings.READYZ_TIMEOUT_SECONDS
    if params["ENGINE"] == "django.db.backends.postgresql":
        options = params.setdefault("OPTIONS", {})
        options["connect_timeout"] = max(timeout, 2)  # libpq treats anything under 2 as 2
        options["options"] = f"-c statement_timeout={timeout * 1000}"
    fresh = type(connections[alias])(params, alias)
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False
    finally:
        fresh.close()


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when a fresh database connection answers within the bound, else 503, so a
    load balancer takes this app server out while its database is gone and back when it returns."""
    started = time.monotonic()
    up = database_answers()
    elapsed_ms = round((time.monotonic() - started) * 1000)
    body = {"status": "ok" if up else "unavailable", "database": "up" if up else "down"}
    return JsonResponse({**body, "elapsed_ms": elapsed_ms}, status=200 if up else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage raised outside a view (a session saved on the way out)
    still answers the plain 503 page; anything else is Django's plain 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return defaults.server_error(request)
