from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

# The header's links on every page: reversed once per script prefix, not a dozen times a page.
NAV_LINKS = {
    "home": "home",
    "schools": "schools:list",
    "people": "people:list",
    "partnerships": "partnerships:list",
    "events": "events:list",
    "support": "support:index",
    "resources": "resources:list",
    "search": "search:page",
    "me": "people:me",
    "admin": "admin:index",
    "login": "account_login",
    "logout": "account_logout",
}


@cache
def _nav_links(script_prefix: str) -> dict[str, str]:
    return {name: reverse(url_name) for name, url_name in NAV_LINKS.items()}


def portal(request: HttpRequest) -> dict:
    """The portal's name for titles, who to contact about an account, the navigation section
    this page belongs to, and the header's links."""
    match = getattr(request, "resolver_match", None)
    section = (match.app_name or match.url_name or "") if match else ""
    return {
        "portal_name": settings.PORTAL_NAME,
        "account_help_contact": settings.ACCOUNT_HELP_CONTACT,
        "nav_section": section,
        "nav": _nav_links(get_script_prefix()),
    }
