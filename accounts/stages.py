"""The two-factor step of signing in, aware of single sign-on.

allauth asks everyone with an authenticator for a code after the first factor, social sign-ins
included. An OpenID Connect provider that asserts multi-factor sign-in in its ID token's `amr`
(accounts.sso.asserts_multi_factor) has already asked for a second factor: the portal does not
ask again for that sign-in. Every other sign-in goes through allauth's step unchanged.
"""

from __future__ import annotations

from allauth.mfa import stages
from django.http import HttpRequest

from accounts.sso import assertion_from, asserts_multi_factor


def provider_asserted_multi_factor(signal_kwargs: dict | None) -> bool:
    """True when this sign-in (allauth's Login.signal_kwargs) came from a provider whose ID
    token asserts two factors."""
    sociallogin = (signal_kwargs or {}).get("sociallogin")
    if sociallogin is None:
        return False
    account = sociallogin.account
    kind = account.get_provider().id  # "openid_connect", whatever the app's provider id
    return asserts_multi_factor(assertion_from(kind, account.extra_data))


class AuthenticateStage(stages.AuthenticateStage):
    def _should_handle(self, request: HttpRequest) -> bool:
        if provider_asserted_multi_factor(self.login.signal_kwargs):
            return False
        return super()._should_handle(request)
