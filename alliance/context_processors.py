from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """The portal's name, for page titles and the header."""
    return {"portal_name": settings.PORTAL_NAME}
