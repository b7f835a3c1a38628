"""Public pages from the shared cache: for visitors who are not signed in, and no one else.

A visitor without a session sees exactly what every other such visitor sees, so the public
pages (home, directories, school, partnership, group and event pages, search) are rendered
once and then served from the cache (Redis with CACHE_URL) for PUBLIC_PAGE_CACHE_SECONDS.

A page for anyone with a session is rendered for that request, every time: what a member sees
depends on who they are (contacts, buttons, rights), and nothing that depends on who is looking
is ever stored (docs/security.md).

Freshness: any saved, deleted or re-linked row of the portal's content moves a generation
number on, and the cache keys carry it. It moves twice: at once, so the writer's own next read
is fresh, and again when the transaction commits, so that a page another request rendered
from the rows as they were before the commit (it could not see the change yet), and stored
under the first move's generation, is never served. A page is read under the generation read
before the view ran, so it can only ever be stored under a generation older than the commit.
What bypasses the signals (a bulk `update()`, an import) is seen within the timeout at most.

Never cached: a request with a session (signed in, or a visitor with a flash message in their
session), a page that handed out a CSRF token, set a cookie or changed the session, anything
but a 200. The cache failing (Redis down) only means pages are rendered as usual.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
# The apps whose rows public pages show. Sessions, accounts and logs change on every sign-in
# and must not empty the cache.
CONTENT_APPS = frozenset(
    {"schools", "people", "partnerships", "events", "programme", "support", "resources"}
)
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def _move_generation_on() -> None:
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet (or it expired from the cache): start one
            cache.add(GENERATION_KEY, 1, timeout=None)
    except Exception:  # the cache is down: nothing is served from it either
        logger.warning("public page cache: could not move the generation on", exc_info=True)


def content_changed(sender, using: str = "default", **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed: a content row changed, so every
    cached public page is stale, now and once the change is committed (see the module)."""
    if sender._meta.app_label not in CONTENT_APPS:
        return
    _move_generation_on()
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    # Once per transaction, however many rows it writes. Django drops the list on rollback.
    if not any(entry[1] is _move_generation_on for entry in connection.run_on_commit):
        transaction.on_commit(_move_generation_on, using=using)


def _is_public(request: HttpRequest) -> bool:
    """A visitor with no session and no message waiting, asking for a page."""
    return (
        request.method == "GET"
        and settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request: HttpRequest, generation: int) -> str:
    # Absolute links (calendar subscriptions) carry the scheme and host; the htmx fragment and
    # the whole page share a URL, and its headers tell them apart (and which box asked).
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"public-pages:{generation}:{digest}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view`'s page from the cache to visitors without a session (see the module);
    everyone else gets it rendered for them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _is_public(request):
            return _varies_by_cookie(view(request, *args, **kwargs))
        try:
            key = _key(request, _generation())
            cached = cache.get(key)
        except Exception:
            logger.warning("public page cache: unavailable", exc_info=True)
            return _varies_by_cookie(view(request, *args, **kwargs))
        if isinstance(cached, HttpResponse):
            return _varies_by_cookie(cached)
        response = view(request, *args, **kwargs)
        if _may_store(request, response):
            try:
                cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("public page cache: could not store a page", exc_info=True)
        return _varies_by_cookie(response)

    return wrapped


def _varies_by_cookie(response: HttpResponse) -> HttpResponse:
    # A signed-in user gets another page at this URL: say so to any cache downstream, also
    # when the view did not run (and so never read the session, which would have said it).
    patch_vary_headers(response, ["Cookie"])
    return response
