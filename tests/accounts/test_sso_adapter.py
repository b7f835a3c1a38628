"""Single sign-on's checks (accounts.socialadapter, accounts.sso), provider by provider.

Each test hands the adapter what allauth would after the provider's round trip: a SocialLogin
with the provider's claims in extra_data (and, for Microsoft, the tenant Graph would report),
then looks at what a person would see: signed in to whose account, or the refusal page.
"""

import datetime
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialLogin, SocialToken
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory

from accounts.models import SchoolEmailDomain, SecurityEvent, SecurityEventKind, User
from accounts.socialadapter import SocialAccountAdapter
from accounts.sso import Assertion, asserts_multi_factor
from tests.accounts.conftest import make_invitation
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory, UserFactory

TENANT = uuid.UUID("0b6b2c6e-7a4f-4a44-9d0e-1f2a3b4c5d6e")
OTHER_TENANT = uuid.UUID("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")
DOMAIN = "abbeyfield.example.org"


@pytest.fixture(autouse=True)
def _providers(settings):
    app = {"client_id": "portal", "secret": "s3cret"}
    settings.SOCIALACCOUNT_PROVIDERS = {
        "microsoft": {"APPS": [{**app, "settings": {"tenant": "organizations"}}]},
        "google": {"APPS": [app]},
        "openid_connect": {
            "APPS": [
                {
                    **app,
                    "provider_id": "local",
                    "name": "Testshire Council",
                    "settings": {"server_url": "https://id.testshire.example.org"},
                }
            ]
        },
    }


@pytest.fixture
def member_domain(school, partnership):
    """Abbeyfield's domain, registered with its Microsoft 365 tenant; Abbeyfield is a member."""
    return SchoolEmailDomain.objects.create(school=school, domain=DOMAIN, entra_tenant_id=TENANT)


def http_request():
    request = RequestFactory().get("/accounts/oidc/local/login/callback/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = AnonymousUser()
    return request


def social_login(provider: str, extra_data: dict, uid: str = "uid-1") -> SocialLogin:
    # An OpenID Connect account is stored under its app's provider id.
    provider_id = {"openid_connect": "local"}.get(provider, provider)
    account = SocialAccount(provider=provider_id, uid=uid, extra_data=extra_data)
    sociallogin = SocialLogin(account=account)
    sociallogin.token = SocialToken(token="access-token")
    return sociallogin


def oidc_claims(email: str, *, verified: bool = True, amr=None) -> dict:
    claims = {"sub": "1", "email": email, "email_verified": verified}
    return {"userinfo": claims, "id_token": {**claims, "amr": amr or ["pwd"]}}


def google_claims(email: str, *, verified: bool = True, hd: str | None = DOMAIN) -> dict:
    claims = {"sub": "1", "email": email, "email_verified": verified}
    return claims | ({"hd": hd} if hd else {})


def microsoft_profile(email: str) -> dict:
    return {"id": "graph-id", "mail": email, "userPrincipalName": email}


def sign_in(sociallogin: SocialLogin, *, organization: dict | None = None, user=None) -> User:
    """Run the adapter's checks; the account the sign-in opens (linked to the provider).
    With `user`, that signed-in user connects the provider account instead."""
    adapter = SocialAccountAdapter()
    adapter.entra_organization = lambda request, sociallogin: organization or {}
    request = http_request()
    if user is not None:
        request.user = user
        sociallogin.state["process"] = "connect"
    sociallogin.lookup()
    adapter.pre_social_login(request, sociallogin)
    if user is not None:
        return user
    assert sociallogin.is_existing
    return sociallogin.user


def refusal(sociallogin: SocialLogin, *, organization: dict | None = None, user=None) -> str:
    """Run the adapter's checks expecting a refusal; the refusal page's text."""
    with pytest.raises(ImmediateHttpResponse) as refused:
        sign_in(sociallogin, organization=organization, user=user)
    response = refused.value.response
    assert response.status_code == 403
    return response.content.decode()


def organization(tenant=TENANT, domains=(DOMAIN,)) -> dict:
    return {"id": str(tenant), "verifiedDomains": [{"name": d} for d in domains]}


# Microsoft -----------------------------------------------------------------------------------


def test_microsoft_sign_in_from_the_schools_tenant_accepts_the_invitation(school, member_domain):
    invitation = make_invitation(school, email=f"nia.okafor@{DOMAIN}")
    user = sign_in(
        social_login("microsoft", microsoft_profile(f"Nia.Okafor@{DOMAIN}")),
        organization=organization(),
    )
    assert user.email == f"nia.okafor@{DOMAIN}"
    assert not user.has_usable_password()
    assert user.person.school == school
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.accepted_user == user
    assert SocialAccount.objects.get(user=user).provider == "microsoft"


def test_microsoft_sign_in_from_another_tenant_is_refused(school, member_domain):
    make_invitation(school, email=f"nia.okafor@{DOMAIN}")
    page = refusal(
        social_login("microsoft", microsoft_profile(f"nia.okafor@{DOMAIN}")),
        organization=organization(tenant=OTHER_TENANT),
    )
    assert "Microsoft 365 is not registered" in page
    assert not User.objects.filter(email=f"nia.okafor@{DOMAIN}").exists()


def test_microsoft_mail_at_a_domain_the_tenant_has_not_verified_is_refused(school, member_domain):
    """Anyone can type any `mail` into their profile: only the tenant's verified domains count."""
    UserFactory(email=f"head@{DOMAIN}")
    page = refusal(
        social_login("microsoft", microsoft_profile(f"head@{DOMAIN}")),
        organization=organization(domains=["abbeyfield.onmicrosoft.example"]),
    )
    assert "has not been verified" in page
    assert not SocialAccount.objects.exists()


def test_microsoft_without_a_tenant_answer_is_refused(school, member_domain):
    UserFactory(email=f"head@{DOMAIN}")
    page = refusal(social_login("microsoft", microsoft_profile(f"head@{DOMAIN}")))
    assert "Microsoft 365 is not registered" in page


def test_microsoft_tenant_id_that_is_not_a_guid_is_refused(school, member_domain):
    UserFactory(email=f"head@{DOMAIN}")
    page = refusal(
        social_login("microsoft", microsoft_profile(f"head@{DOMAIN}")),
        organization={"id": "not-a-guid", "verifiedDomains": [{"name": DOMAIN}]},
    )
    assert "Microsoft 365 is not registered" in page


def test_microsoft_tenant_of_one_school_cannot_vouch_for_another_schools_domain(
    school, other_school, member_domain
):
    SchoolEmailDomain.objects.create(school=other_school, domain="brookside.example.org")
    UserFactory(email="head@brookside.example.org")
    page = refusal(
        social_login("microsoft", microsoft_profile("head@brookside.example.org")),
        organization=organization(domains=[DOMAIN, "brookside.example.org"]),
    )
    assert "not at a member school" in page


# Google ---------------------------------------------------------------------------------------


def test_google_sign_in_links_the_existing_account(member_domain):
    user = UserFactory(email=f"staff@{DOMAIN}")
    assert sign_in(social_login("google", google_claims(f"staff@{DOMAIN}"))) == user
    assert SocialAccount.objects.get(provider="google").user == user
    # The second sign-in finds the link.
    assert sign_in(social_login("google", google_claims(f"staff@{DOMAIN}"))) == user


def test_google_unverified_address_is_refused(member_domain):
    UserFactory(email=f"staff@{DOMAIN}")
    page = refusal(social_login("google", google_claims(f"staff@{DOMAIN}", verified=False)))
    assert "has not been verified" in page


def test_google_account_without_a_workspace_is_refused(member_domain):
    """A personal Google account has no `hd`, whatever its address says."""
    UserFactory(email=f"staff@{DOMAIN}")
    page = refusal(social_login("google", google_claims(f"staff@{DOMAIN}", hd=None)))
    assert "not at a member school" in page


def test_google_workspace_of_a_non_member_is_refused(member_domain):
    UserFactory(email=f"staff@{DOMAIN}")
    page = refusal(
        social_login("google", google_claims(f"staff@{DOMAIN}", hd="elsewhere.example.net"))
    )
    assert "not at a member school" in page


# OpenID Connect --------------------------------------------------------------------------------


def test_oidc_unverified_address_is_refused_and_logged(school, member_domain):
    make_invitation(school, email=f"nia.okafor@{DOMAIN}")
    page = refusal(
        social_login("openid_connect", oidc_claims(f"nia.okafor@{DOMAIN}", verified=False))
    )
    assert "has not been verified" in page
    assert "<h1>You cannot sign in with Testshire Council</h1>" in page
    event = SecurityEvent.objects.get(kind=SecurityEventKind.SIGN_IN_FAILED)
    assert event.details["reason"] == "unverified_email"
    assert event.details["provider"] == "openid_connect"


def test_oidc_person_in_the_directory_of_a_member_school_gets_an_account(school, member_domain):
    """Decided: the staff list a head keeps is an invitation (docs/sso.md)."""
    person = PersonFactory(school=school, email=f"sam.rees@{DOMAIN}")
    user = sign_in(social_login("openid_connect", oidc_claims(f"sam.rees@{DOMAIN}")))
    person.refresh_from_db()
    assert person.user == user
    assert EmailAddress.objects.get(user=user).verified


def test_oidc_member_domain_without_invitation_or_directory_entry_is_refused(member_domain):
    page = refusal(social_login("openid_connect", oidc_claims(f"lee.ward@{DOMAIN}")))
    assert "no invitation or directory entry" in page
    assert not User.objects.exists()


def test_oidc_foreign_domain_is_refused(member_domain):
    PersonFactory(school=None, email="kim.hale@elsewhere.example.net")
    page = refusal(social_login("openid_connect", oidc_claims("kim.hale@elsewhere.example.net")))
    assert "not at a member school" in page


def test_oidc_invitation_to_another_domain_is_honoured(school, member_domain):
    """An admin may invite any address; the invitation is what lets them in."""
    make_invitation(school, email="governor@elsewhere.example.net")
    user = sign_in(social_login("openid_connect", oidc_claims("governor@elsewhere.example.net")))
    assert user.person.school == school


def test_oidc_school_that_left_the_alliance_is_refused(school, partnership, member_domain):
    PersonFactory(school=school, email=f"sam.rees@{DOMAIN}")
    partnership.memberships.update(left_on=datetime.date(2024, 8, 31))
    page = refusal(social_login("openid_connect", oidc_claims(f"sam.rees@{DOMAIN}")))
    assert "no longer a member" in page


def test_oidc_linked_account_of_a_school_that_left_is_refused(school, partnership, member_domain):
    user = UserFactory(email=f"staff@{DOMAIN}")
    PersonFactory(school=school, email=user.email, user=user)
    sign_in(social_login("openid_connect", oidc_claims(user.email)))
    partnership.memberships.update(left_on=datetime.date(2024, 8, 31))
    page = refusal(social_login("openid_connect", oidc_claims(user.email)))
    assert "no longer a member" in page


def test_a_school_that_joins_another_partnership_is_a_member_again(
    school, partnership, member_domain
):
    PersonFactory(school=school, email=f"sam.rees@{DOMAIN}")
    partnership.memberships.update(left_on=datetime.date(2024, 8, 31))
    MembershipFactory(school=school)
    assert sign_in(social_login("openid_connect", oidc_claims(f"sam.rees@{DOMAIN}")))


def test_oidc_uppercase_true_string_counts_as_verified(school, member_domain):
    PersonFactory(school=school, email=f"sam.rees@{DOMAIN}")
    claims = oidc_claims(f"sam.rees@{DOMAIN}")
    claims["userinfo"]["email_verified"] = "True"
    assert sign_in(social_login("openid_connect", claims))


@pytest.mark.parametrize(
    ("amr", "accepted"),
    [
        (["pwd", "mfa"], True),
        (["mfa"], True),
        (["pwd", "otp"], True),
        (["hwk", "pin"], True),
        (["pwd"], False),
        (["otp"], False),
        (["pwd", "sms"], False),
        ([], False),
    ],
)
def test_which_amr_counts_as_two_factors(amr, accepted):
    assertion = Assertion(provider="openid_connect", email="a@b.example", amr=tuple(amr))
    assert asserts_multi_factor(assertion) is accepted


@pytest.mark.parametrize("provider", ["microsoft", "google"])
def test_only_openid_connect_amr_counts(provider):
    assertion = Assertion(provider=provider, email="a@b.example", amr=("mfa",))
    assert not asserts_multi_factor(assertion)


def test_an_unrelated_school_domain_does_not_let_a_stranger_in(other_school, member_domain):
    MembershipFactory(school=other_school)
    SchoolEmailDomain.objects.create(school=other_school, domain="brookside.example.org")
    PersonFactory(school=SchoolFactory(), email="pat@brookside.example.org")
    page = refusal(social_login("openid_connect", oidc_claims("pat@brookside.example.org")))
    assert "no invitation or directory entry" in page


# Connecting an account from the connected accounts page -----------------------------------------


def test_connecting_a_trusted_account_with_ones_own_address_is_left_to_allauth(member_domain):
    user = UserFactory(email=f"staff@{DOMAIN}")
    sign_in(social_login("google", google_claims(f"Staff@{DOMAIN}")), user=user)
    # allauth's connect step saves the link once the checks pass.
    assert not SocialAccount.objects.exists()


def test_connecting_an_account_with_another_address_is_refused(member_domain):
    user = UserFactory(email=f"staff@{DOMAIN}")
    UserFactory(email=f"head@{DOMAIN}")
    page = refusal(social_login("google", google_claims(f"head@{DOMAIN}")), user=user)
    assert "not the one you sign in with here" in page


def test_connecting_an_untrusted_account_is_refused(member_domain):
    user = UserFactory(email=f"staff@{DOMAIN}")
    page = refusal(social_login("google", google_claims(f"staff@{DOMAIN}", hd=None)), user=user)
    assert "not at a member school" in page


# Microsoft Graph, as the adapter asks it ------------------------------------------------------


class _Graph(BaseHTTPRequestHandler):
    """Answers /v1.0/organization for the token "good-token" only, as Graph would."""

    seen: list = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.seen.append((self.path, self.headers.get("Authorization")))
        if self.headers.get("Authorization") != "Bearer good-token":
            self.send_response(401)
            self.end_headers()
            return
        body = json.dumps({"value": [organization()]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def graph(settings):
    server = HTTPServer(("127.0.0.1", 0), _Graph)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "microsoft": {
            "APPS": [{"client_id": "portal", "secret": "s", "settings": {"graph_url": url}}]
        }
    }
    _Graph.seen = []
    yield _Graph
    server.shutdown()


@pytest.mark.parametrize(("token", "expected"), [("good-token", organization()), ("bad", {})])
def test_the_tenant_is_read_from_graph_with_the_sign_ins_token(graph, token, expected):
    sociallogin = social_login("microsoft", microsoft_profile(f"head@{DOMAIN}"))
    sociallogin.token = SocialToken(token=token)
    request = http_request()
    assert SocialAccountAdapter().entra_organization(request, sociallogin) == expected
    [(path, authorization)] = graph.seen
    assert path == "/v1.0/organization?%24select=id%2CverifiedDomains"
    assert authorization == f"Bearer {token}"
