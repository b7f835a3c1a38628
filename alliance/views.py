import copy
import sys
import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DatabaseError, connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from alliance.middleware import DATABASE_UNAVAILABLE, database_unavailable_response


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


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: the portal's page, saying what was wrong when the portal itself said so (a
    BadRequest raised with words for the visitor, such as a month it cannot show). Django's own
    refusals (a host it does not serve, too many fields) keep the page's general words."""
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)


@require_safe
def uploads(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files, served by Django in development (DEBUG on) only. In production the
    proxy or object storage serves MEDIA_ROOT; documents that need a permission go through
    their own views."""
    if not settings.DEBUG:
        raise Http404("Uploads are not served here.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage raised outside a view (a session saved on the way out)
    still answers the plain 503 page; anything else is Django's plain 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return defaults.server_error(request)
