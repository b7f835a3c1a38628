"""Pages from the shared cache: for visitors who are not signed in, and for the members a
page shows alike.

A visitor without a session sees exactly what every other such visitor sees, so the public
pages (home, directories, school, partnership, group and event pages, search) are rendered
once and then served from the cache (Redis with CACHE_URL) for PUBLIC_PAGE_CACHE_SECONDS.
Any saved, deleted or re-linked row of the portal's content moves a generation number on, and
the cache keys carry it: the next visitor gets a fresh page at once. What bypasses the signals
(a bulk `update()`, an import) is seen within the timeout at most.

Many pages are the same for many signed-in members too: such a view names its audience, a
function that tells, from the request, which members see exactly the same page (`members`
below: every member alike, admins apart), or None when this request's page is the member's own
(a filter on "my events"). Members of one audience share the page for
MEMBER_PAGE_CACHE_SECONDS, under the same generation. A page that shows contacts or buttons by
who is looking names its audience by those answers (`viewer_answers`, `by_answers`) and is
rendered by the same answers, so what is stored for an audience is what it may see. A view
that names no audience, or an audience of None (a list of "my events"), is never cached for
members.

What differs between the members of one audience only by a value, not by what the page shows
(the CSRF token in a form, whether each row's contacts are shown to this viewer), is a hole:
`hole(request, kind, *facts)` gives the value at once on a page rendered for one request, and
a marker on a page being stored; the page is stored with its markers and the facts behind
them, and each member it is served to gets the markers filled for them by the kind's function
(`fills`), so a shared page never carries one member's token or another's contacts.

Never cached: a visitor with a session but not signed in (a flash message in their session),
a member with a message waiting, a page that handed out a CSRF token, set a cookie or changed
the session, anything but a 200. The cache failing (Redis down) only means pages are rendered
as usual.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "public-pages:generation"
# The apps whose rows public pages show. Sessions, accounts and logs change on every sign-in
# and must not empty the cache.
CONTENT_APPS = frozenset({"schools", "people", "partnerships", "events", "support", "resources"})
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage

# Which members see the same page: a key, or None for "this member's own page". Called with
# the view's own arguments.
Audience = Callable[..., str | None]


def members(request: HttpRequest, *args, **kwargs) -> str:
    """Every signed-in member sees the page alike; admins apart (their header links to the
    admin site)."""
    from alliance.permissions import is_admin

    return "admin" if is_admin(request.user) else "member"


def _generation(request: HttpRequest) -> int:
    """The content generation, read from the cache once a request (a member's remembered
    answers and the page's own key both carry it)."""
    if "_page_generation" not in request.__dict__:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            generation = cache.get(GENERATION_KEY, 1)
        request._page_generation = generation
    return request._page_generation


def remembered(request: HttpRequest, name: str, answer: Callable[[], T]) -> T:
    """`answer()` for this member, kept with the cached pages: until the content changes (a
    member's standing, as a coordinator, chair, headteacher or editor, is content) or
    MEMBER_PAGE_CACHE_SECONDS pass. For an audience that takes a query to tell, so that a
    shared page costs none. `answer()` must not return None.

    Within a request the answer is asked once: a view that names its audience by it must
    render by it too (ask here, not the permission itself), so that the page stored for an
    audience is the page that audience may see, even when a change that bypassed the signals
    has made the kept answer stale.
    """
    asked = request.__dict__.setdefault("_remembered", {})
    if name in asked:
        return asked[name]
    if settings.MEMBER_PAGE_CACHE_SECONDS <= 0 or not request.user.is_authenticated:
        asked[name] = answer()
        return asked[name]
    # Hashed: a name carries a slug of up to 220 characters, and cache keys stay short.
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    key = known = None
    try:
        key = f"page-facts:{_generation(request)}:{request.user.pk}:{digest}"
        known = cache.get(key)
    except Exception:
        logger.warning("page cache: unavailable", exc_info=True)
    if known is None:
        known = answer()
        try:
            if key is not None:
                cache.set(key, known, settings.MEMBER_PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("page cache: could not remember %s", name, exc_info=True)
    asked[name] = known
    return known


def read_once(request: HttpRequest, name: str, load: Callable[[], T]) -> T:
    """`load()` once a request: for the row that a page's audience and the page both read."""
    read = request.__dict__.setdefault("_read_once", {})
    if name not in read:
        read[name] = load()
    return read[name]


def viewer_answers(request: HttpRequest, name: str, ask: Callable[[], T]) -> T:
    """What a page shows or hides by who is looking (`ask()`: an answer, or a dict of them), as
    the page is rendered and its audience named: an admin's told from the user each time (not
    content, so not remembered), a member's remembered with the pages."""
    from alliance.permissions import is_admin

    if is_admin(request.user):
        return ask()
    return remembered(request, name, ask)


def audience_of(answers: dict) -> str:
    """The audience key for a page that shows or hides things by these answers (a dict of
    what it tells about the user): members with the same answers share it."""
    return hashlib.sha256(repr(sorted(answers.items())).encode()).hexdigest()[:32]


def by_answers(answers: Callable[..., dict], *, admins_alike: bool = True) -> Audience:
    """The audience of a page shown by who is looking, from the view's own `answers(request,
    *view arguments)` (asked through viewer_answers, and rendered by): admins apart, the
    rest by their answers. Admins share one page (they may do everything a page offers)
    unless `admins_alike` is False: a page of the admin's own (home), by their answers too."""

    def audience(request: HttpRequest, *args, **kwargs) -> str:
        from alliance.permissions import is_admin

        if is_admin(request.user):
            if admins_alike:
                return "admin"
            return f"admin:{audience_of(answers(request, *args, **kwargs))}"
        return audience_of(answers(request, *args, **kwargs))

    return audience


# Each kind of hole and the function that fills it for a request: fill(request, *facts) -> safe
# HTML. Registered with @fills(kind) where the kind is defined.
HOLE_FILLS: dict[str, Callable[..., str]] = {}


def fills(kind: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register the function that fills a hole of `kind` for the request a page is served to."""

    def register(function: Callable[..., str]) -> Callable[..., str]:
        HOLE_FILLS[kind] = function
        return function

    return register


@dataclass
class _Holes:
    """The holes of a page being rendered for an audience: a random nonce in every marker, so
    text a member typed can never pass for one."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(16))
    facts: list[tuple[str, tuple]] = field(default_factory=list)


def hole(request: HttpRequest, kind: str, *facts) -> SafeString:
    """This request's value of `kind` (HOLE_FILLS[kind](request, *facts)), or, on a page being
    rendered to be shared, a marker that each member it is served to gets filled for them.
    `facts` are kept with the page: plain values, what the fill needs besides the request."""
    holes = request.__dict__.get("_page_holes")
    if holes is None:
        return mark_safe(HOLE_FILLS[kind](request, *facts))
    holes.facts.append((kind, facts))
    return mark_safe(f"{{{{hole:{holes.nonce}:{len(holes.facts) - 1}}}}}")


@fills("csrf")
def _csrf_token(request: HttpRequest) -> str:
    """A form's CSRF token (alliance.context_processors.csrf gives it to every template): each
    member their own, masked afresh."""
    return get_token(request)


_MARKER = re.compile(rb"\{\{hole:([0-9a-f]{32}):(\d+)\}\}")


def _filled(request: HttpRequest, response: HttpResponse, holes: _Holes) -> HttpResponse:
    """`response` with its markers filled for this request (only its own: by their nonce)."""
    if not holes.facts or response.streaming:
        return response
    nonce, charset = holes.nonce.encode(), response.charset

    def value(match: re.Match) -> bytes:
        if match.group(1) != nonce:
            return match.group(0)
        kind, facts = holes.facts[int(match.group(2))]
        return str(HOLE_FILLS[kind](request, *facts)).encode(charset)

    response.content = _MARKER.sub(value, response.content)
    return response


def content_changed(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed: a content row changed, so every
    cached public page is stale."""
    if sender._meta.app_label not in CONTENT_APPS:
        return
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet (or it expired from the cache): start one
            cache.add(GENERATION_KEY, 1, timeout=None)
    except Exception:  # the cache is down: nothing is served from it either
        logger.warning("public page cache: could not move the generation on", exc_info=True)


def _audience(
    request: HttpRequest, audience: Audience | None, args, kwargs
) -> tuple[str, int] | None:
    """Who shares this request's page, and for how long: None when no one does."""
    if request.method != "GET" or MESSAGES_COOKIE in request.COOKIES:
        return None
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return "public", settings.PUBLIC_PAGE_CACHE_SECONDS
    if audience is None or settings.MEMBER_PAGE_CACHE_SECONDS <= 0:
        return None
    # Reading the user reads the session: the price every signed-in page pays anyway.
    if not request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    shared = audience(request, *args, **kwargs)
    if shared is None:
        return None
    return f"members:{shared}", settings.MEMBER_PAGE_CACHE_SECONDS


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


def _varies_by_cookie(response: HttpResponse) -> HttpResponse:
    # A signed-in user gets another page at this URL: say so to any cache downstream, also
    # when the view did not run (and so never read the session, which would have said it).
    patch_vary_headers(response, ["Cookie"])
    return response


def _key(request: HttpRequest, generation: int, audience: str) -> str:
    # Absolute links (calendar subscriptions) carry the scheme and host; the htmx fragment and
    # the whole page share a URL, and its headers tell them apart.
    parts = [
        audience,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"shared-pages:{generation}:{digest}"


def public_page(
    view: Callable[..., HttpResponse] | None = None, *, members: Audience | None = None
):
    """Serve `view`'s page from the cache to visitors without a session and, where `members`
    names an audience, to the members who share it (see the module).

        @public_page
        @public_page(members=pagecache.members)
    """
    if view is None:
        return lambda view: public_page(view, members=members)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        shared = _audience(request, members, args, kwargs)
        if shared is None or shared[1] <= 0:
            return view(request, *args, **kwargs)
        audience, timeout = shared
        try:
            key = _key(request, _generation(request), audience)
            cached = cache.get(key)
        except Exception:
            logger.warning("page cache: unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if cached is not None:
            try:
                response, holes = cached
                return _varies_by_cookie(_filled(request, response, holes))
            except Exception:  # stored by an older release, whose holes this one fills apart
                logger.warning("page cache: a stored page could not be filled", exc_info=True)
        holes = request._page_holes = _Holes()
        try:
            response = view(request, *args, **kwargs)
        finally:
            del request._page_holes
        if _may_store(request, response):
            try:
                cache.set(key, (response, holes), timeout)
            except Exception:
                logger.warning("page cache: could not store a page", exc_info=True)
        return _varies_by_cookie(_filled(request, response, holes))

    return wrapped
