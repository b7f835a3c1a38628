from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """The portal's name for titles, and the navigation section this page belongs to."""
    match = getattr(request, "resolver_match", None)
    section = (match.app_name or match.url_name or "") if match else ""
    return {"portal_name": settings.PORTAL_NAME, "nav_section": section}
