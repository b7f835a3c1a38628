"""allauth's social accounts, the portal's way: single sign-on with the rules of accounts.sso."""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse

# allauth's own builder of apps from settings (no database I/O), as its list_apps uses it.
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, _build_apps_from_settings
from allauth.socialaccount.models import SocialApp, SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.http import Http404, HttpRequest
from django.shortcuts import render

from accounts.audit import security_log
from accounts.models import SecurityEventKind
from accounts.sso import MICROSOFT, SSORefused, assertion_from, check_connect, sso_account_for

GRAPH_URL = "https://graph.microsoft.com"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Providers come from the environment only (alliance/settings.py), and each sign-in is
    checked and matched to an account by accounts.sso before allauth signs the person in.

    A refusal is answered with the portal's own page (accounts/sso_refused.html, 403) and
    written to the security log. allauth's sign-up is never used: the account is linked or
    made here, from an invitation or the directory, or the sign-in is refused.
    """

    def list_apps(self, request: HttpRequest, provider=None, client_id=None) -> list[SocialApp]:
        # Only the apps of settings.SOCIALACCOUNT_PROVIDERS: a provider is configured in the
        # environment, where its secret lives, or not at all. Apps saved in the database are
        # ignored, and the sign-in page asks the database nothing to draw its buttons.
        apps = _build_apps_from_settings(provider=provider, client_id=client_id)
        return [app for provider_apps in apps.values() for app in provider_apps]

    def get_app(self, request: HttpRequest, provider, client_id=None) -> SocialApp:
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            # A sign-in URL of a provider this portal does not offer.
            raise Http404("This sign-in service is not offered here.") from None

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        # The provider's kind ("openid_connect"), not the account's provider id ("local").
        provider = sociallogin.account.get_provider(request).id
        organization = None
        if provider == MICROSOFT:
            organization = self.entra_organization(request, sociallogin)
        assertion = assertion_from(provider, sociallogin.account.extra_data, organization)
        linked = sociallogin.user if sociallogin.is_existing else None
        connecting = sociallogin.state.get("process") == AuthProcess.CONNECT
        try:
            if connecting:
                check_connect(assertion=assertion, user=request.user)
            else:
                user = sso_account_for(request=request, assertion=assertion, linked_user=linked)
        except SSORefused as refusal:
            security_log(
                kind=SecurityEventKind.SIGN_IN_FAILED,
                user=linked,
                request=request,
                email=assertion.email[:254],
                provider=provider,
                reason=refusal.code,
            )
            response = render(
                request,
                "accounts/sso_refused.html",
                {
                    "refusal": refusal,
                    "provider_name": sociallogin.account.get_provider(request).name,
                },
                status=403,
            )
            raise ImmediateHttpResponse(response) from None
        # Connecting is allauth's own step once checked; a sign-in is linked here.
        if not connecting and not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def entra_organization(self, request: HttpRequest, sociallogin: SocialLogin) -> dict:
        """The signed-in person's Entra tenant: its id and verified domains, from Microsoft
        Graph's /organization (readable with the User.Read scope the sign-in already has)."""
        app = sociallogin.account.get_provider(request).app
        graph_url = (app.settings.get("graph_url") if app else None) or GRAPH_URL
        with self.get_requests_session() as session:
            response = session.get(
                f"{graph_url}/v1.0/organization",
                params={"$select": "id,verifiedDomains"},
                headers={"Authorization": f"Bearer {sociallogin.token.token}"},
            )
        if response.status_code != 200:
            return {}
        values = response.json().get("value") or []
        return values[0] if values else {}
