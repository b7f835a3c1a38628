from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from accounts.audit import security_log
from accounts.models import SecurityEventKind, User
from accounts.rules import requires_mfa
from accounts.sessions import MFA_SETUP_REQUIRED
from accounts.stages import provider_asserted_multi_factor


class AccountAdapter(DefaultAccountAdapter):
    """allauth, the portal's way.

    Sign-up is closed: accounts are made only by accepting an invitation (accounts.services).
    Sign-ins and failures go to the security log; admins and headteachers without two-factor
    authentication are sent to set it up (accounts.middleware.MFASetupRequiredMiddleware);
    signing out ends every session of the user, not only this one.
    """

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        if (
            requires_mfa(user)
            and not is_mfa_enabled(user)
            and not provider_asserted_multi_factor(kwargs.get("signal_kwargs"))
        ):
            request.session[MFA_SETUP_REQUIRED] = True
        security_log(kind=SecurityEventKind.SIGN_IN, user=user, request=request)
        return response

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        # Only the address typed is kept; never the password.
        security_log(
            kind=SecurityEventKind.SIGN_IN_FAILED,
            user=None,
            request=request,
            email=str(credentials.get("email", ""))[:254],
        )

    def logout(self, request: HttpRequest) -> None:
        user = request.user
        if user.is_authenticated:
            # Raising the epoch changes the session hash: every other session of this user
            # fails Django's check on its next request and is signed out.
            User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
            security_log(kind=SecurityEventKind.SIGN_OUT, user=user, request=request)
        super().logout(request)

    # Single sign-on (accounts.sso, accounts.stages) ------------------------------------------

    def get_login_stages(self) -> list[str]:
        """allauth's stages, with its two-factor step replaced by ours, which skips the code
        when an OpenID Connect provider asserted multi-factor sign-in (accounts.stages)."""
        return [
            "accounts.stages.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]
