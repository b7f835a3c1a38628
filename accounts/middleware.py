"""Middleware that enforces account security on every request.

Both read only the session (already loaded to find the user), so they cost no extra query on
an ordinary page.
"""

import time
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.sessions import MFA_SETUP_REQUIRED, SEEN_AT, STARTED_AT

# Record activity at most this often, so a busy session is not written on every request.
ACTIVITY_RESOLUTION_SECONDS = 60


class SessionExpiryMiddleware:
    """Sign out a session idle for SESSION_IDLE_TIMEOUT or older than SESSION_MAX_AGE seconds.

    The cookie's own expiry (SESSION_COOKIE_AGE) is a browser's promise; this is the server's.
    A signed-in session without timestamps (made before this rule existed) is ended too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(STARTED_AT)
            seen = request.session.get(SEEN_AT)
            if (
                started is None
                or seen is None
                or now - started > settings.SESSION_MAX_AGE
                or now - seen > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, "Your session has expired. Please sign in again.")
                return redirect_to_login(request.get_full_path())
            if now - seen >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)


class MFASetupRequiredMiddleware:
    """Until an admin or headteacher has set up two-factor sign-in, they may reach only the
    two-factor set-up pages, re-authentication, sign-out and static files.

    The flag is set at sign-in (accounts.adapter.AccountAdapter.post_login) and cleared here
    once an authenticator exists, so only those sessions pay the one query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.session.get(MFA_SETUP_REQUIRED)
            and request.user.is_authenticated
            and not self._allowed(request.path_info)
        ):
            if is_mfa_enabled(request.user):
                del request.session[MFA_SETUP_REQUIRED]
            else:
                messages.warning(
                    request,
                    "Your role needs two-factor sign-in. Set up an authenticator app to continue.",
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        allowed_prefixes = (
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
            reverse("account_logout"),
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        # Single sign-on: someone without a password confirms who they are with their
        # provider before adding an authenticator (allauth's re-authentication by provider).
        accounts = reverse("account_login").removesuffix("login/")
        sso_prefixes = tuple(accounts + name for name in ("microsoft/", "google/", "oidc/"))
        return path.startswith(allowed_prefixes + sso_prefixes)


class AccessRefusedLogMiddleware:
    """Write every 403 answer (refused access, CSRF failure) to the security log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            from accounts.audit import security_log
            from accounts.models import SecurityEventKind

            user = getattr(request, "user", None)
            security_log(
                kind=SecurityEventKind.ACCESS_REFUSED,
                user=user,
                request=request,
                method=request.method,
            )
        return response
