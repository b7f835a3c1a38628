"""Turn "the database is unavailable" into a plain 503 page instead of a 500 or a traceback,
and refuse addresses no page can answer before any view reads them."""

import logging
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

# Seconds a client (or a load balancer) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

logger = logging.getLogger("alliance.database")


def database_unavailable_response() -> HttpResponse:
    """The 503 page. Rendered without a request: no context processor, no session, no query."""
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 "try again shortly", whatever DEBUG is.

    OperationalError and InterfaceError are what the driver raises when the server is down,
    restarting, refusing connections or has dropped ours; any other error is a bug and still
    goes to the 500 handler. Errors raised outside the view (a session saved after it) reach
    `alliance.views.server_error`, which answers the same page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.warning(
                "Database unavailable for %s %s: %s", request.method, request.path, exception
            )
            return database_unavailable_response()
        return None


NUL_MESSAGE = (
    "The address has a NUL character (%00) in it, which no page of the portal uses. "
    "Check the link, or type the address again."
)


class RejectNulMiddleware:
    """Answer 400 for an address with a NUL character in its path or query string.

    PostgreSQL cannot hold NUL in text, so a NUL that reaches a lookup (a feed token, a search
    box) raised a DataError: a 500 for something a visitor can type. No page has a use for one,
    so it is refused here, once, for every page, with the portal's 400 page
    (alliance.views.bad_request).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest(NUL_MESSAGE)
        return self.get_response(request)
