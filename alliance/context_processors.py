from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from alliance.lib.pagecache import hole


def portal(request: HttpRequest) -> dict:
    """The portal's name for titles, and the navigation section this page belongs to."""
    match = getattr(request, "resolver_match", None)
    section = (match.app_name or match.url_name or "") if match else ""
    return {"portal_name": settings.PORTAL_NAME, "nav_section": section}


def csrf(request: HttpRequest) -> dict:
    """The CSRF token, as Django's own processor gives it (and in its place), but as a hole in
    a page that members share: each one's page carries their own token
    (alliance.lib.pagecache)."""
    return {"csrf_token": SimpleLazyObject(lambda: hole(request, "csrf"))}
