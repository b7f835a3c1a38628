"""The security log: one call for every app.

    from accounts.audit import security_log
    security_log(kind="export", user=request.user, request=request, what="schools", rows=42)

`kind` is one of accounts.models.SecurityEventKind. Details must be plain JSON values. Never
pass a secret: any detail whose name looks like a password, token, code, key or secret is
dropped before it is stored, so a careless call cannot leak one into the log.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.http import HttpRequest

logger = logging.getLogger("alliance.security")

_SECRET_NAME = re.compile(r"pass|token|code|secret|key|otp|credential|signature", re.I)
REMOVED = "[removed]"


def scrub(details: dict[str, Any]) -> dict[str, Any]:
    """The details without any value whose name suggests a secret (at any depth)."""
    clean: dict[str, Any] = {}
    for name, value in details.items():
        if _SECRET_NAME.search(str(name)):
            clean[name] = REMOVED
        elif isinstance(value, dict):
            clean[name] = scrub(value)
        else:
            clean[name] = value
    return clean


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the rate limits see it (the trusted-proxy settings apply)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # No usable address (e.g. a request built in a test or a command).
        return None


def safe_path(request: HttpRequest) -> str:
    """The request's path, or its URL pattern when the path carries a secret (a token)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and any(_SECRET_NAME.search(name) for name in match.kwargs):
        return "/" + match.route
    return request.path[:500]


def security_log(*, kind: str, user=None, request: HttpRequest | None = None, **details: Any):
    """Store one security event and echo it to the `alliance.security` logger.

    `user` is the account the event is about (None for an unknown address); anonymous users
    are stored as None. Returns the SecurityEvent.
    """
    from accounts.models import SecurityEvent, SecurityEventKind

    if kind not in SecurityEventKind.values:
        raise ValueError(f"Unknown security event kind {kind!r}.")
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user,
        ip=client_ip(request) if request is not None else None,
        path=safe_path(request) if request is not None else "",
        details=scrub(details),
    )
    logger.info("%s user=%s ip=%s %s", kind, getattr(user, "pk", None), event.ip, event.details)
    return event
