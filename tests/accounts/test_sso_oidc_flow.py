"""Single sign-on end to end: the OpenID Connect authorisation code flow with PKCE against a
real identity provider (django-oauth-toolkit, tests/oidc_provider/) in its own process on
loopback. The portal is driven with Django's test client; the person's browser at the
provider with `requests`; the portal reaches the provider over HTTP for discovery, the token
and userinfo, as it would in production. Nothing of allauth is replaced.
"""

from urllib.parse import urljoin, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from accounts.models import SchoolEmailDomain, User
from tests.accounts.conftest import make_invitation
from tests.factories import PersonFactory, UserFactory
from tests.oidc_provider.server import running_provider

pytestmark = pytest.mark.oidc

DOMAIN = "abbeyfield.example.org"
CALLBACK = "http://testserver/accounts/oidc/local/login/callback/"
USERS = [
    {"email": f"nia.okafor@{DOMAIN}"},
    {"email": f"sam.rees@{DOMAIN}"},
    {"email": f"lee.ward@{DOMAIN}"},
    {"email": "kim.hale@elsewhere.example.net"},
    {"email": f"unverified@{DOMAIN}", "email_verified": False},
    {"email": f"head.mfa@{DOMAIN}", "amr": ["pwd", "mfa"]},
    {"email": f"head.pwd@{DOMAIN}", "amr": ["pwd"]},
]


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    with running_provider(folder, redirect_uris=[CALLBACK], users=USERS) as provider:
        yield provider


@pytest.fixture
def portal(identity_provider, settings, school, partnership):
    """The portal with the provider configured, and Abbeyfield (a member) owning its domain."""
    settings.SOCIALACCOUNT_PROVIDERS = identity_provider.portal_settings()
    SchoolEmailDomain.objects.create(school=school, domain=DOMAIN)
    return Client()


def sign_in_with_provider(portal: Client, provider, email: str, process: str = "login"):
    """Press "Sign in with Testshire Council" (or "Connect ..."), sign in at the provider,
    come back: the portal's answer to the callback."""
    start = portal.post(f"/accounts/oidc/local/login/?process={process}")
    assert start.status_code == 302
    url = start["Location"]
    assert url.startswith(provider.issuer + "/authorize/")
    assert "code_challenge=" in url and "code_challenge_method=S256" in url
    browser = requests.Session()
    browser.trust_env = False
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:
            response = browser.post(
                response.url,
                data={
                    "username": email,
                    "password": provider.password,
                    "csrfmiddlewaretoken": browser.cookies["op_csrftoken"],
                    "next": _next_of(response.url),
                },
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code == 302, response.text[:500]
        url = urljoin(response.url, response.headers["Location"])
        if url.startswith("http://testserver/"):
            break
    parts = urlsplit(url)
    assert parts.path == "/accounts/oidc/local/login/callback/"
    return portal.get(f"{parts.path}?{parts.query}")


def _next_of(url: str) -> str:
    from urllib.parse import parse_qs

    return parse_qs(urlsplit(url).query)["next"][0]


def test_invited_person_signs_in_and_lands_on_their_home_page(portal, identity_provider, school):
    invitation = make_invitation(school, email=f"nia.okafor@{DOMAIN}")
    response = sign_in_with_provider(portal, identity_provider, f"nia.okafor@{DOMAIN}")
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = portal.get("/")
    assert home.status_code == 200
    user = User.objects.get(email=f"nia.okafor@{DOMAIN}")
    assert home.wsgi_request.user == user
    assert user.person.school == school
    invitation.refresh_from_db()
    assert invitation.accepted_user == user
    # The second time, the link made the first time is used.
    portal.post("/accounts/logout/")
    assert sign_in_with_provider(portal, identity_provider, user.email)["Location"] == "/"
    assert user.socialaccount_set.count() == 1


def test_person_in_a_member_schools_directory_signs_in_without_invitation(
    portal, identity_provider, school
):
    person = PersonFactory(school=school, email=f"sam.rees@{DOMAIN}")
    response = sign_in_with_provider(portal, identity_provider, person.email)
    assert response["Location"] == "/"
    person.refresh_from_db()
    assert person.user is not None
    assert portal.get("/").wsgi_request.user == person.user


def test_member_school_domain_without_invitation_or_directory_entry_is_refused(
    portal, identity_provider
):
    response = sign_in_with_provider(portal, identity_provider, f"lee.ward@{DOMAIN}")
    assert response.status_code == 403
    assert "There is no invitation or directory entry" in response.content.decode()
    assert not User.objects.filter(email=f"lee.ward@{DOMAIN}").exists()
    assert not portal.get("/").wsgi_request.user.is_authenticated


def test_foreign_domain_is_refused(portal, identity_provider):
    response = sign_in_with_provider(portal, identity_provider, "kim.hale@elsewhere.example.net")
    assert response.status_code == 403
    assert "not at a member school" in response.content.decode()


def test_unverified_email_is_refused(portal, identity_provider, school):
    make_invitation(school, email=f"unverified@{DOMAIN}")
    response = sign_in_with_provider(portal, identity_provider, f"unverified@{DOMAIN}")
    assert response.status_code == 403
    assert "has not been verified" in response.content.decode()
    assert not User.objects.filter(email=f"unverified@{DOMAIN}").exists()


def _head_with_totp(school, email: str) -> User:
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    head = PersonFactory(school=school, email=email, user=user, job_title="Headteacher")
    school.headteacher = head
    school.save(update_fields=["headteacher"])
    TOTP.activate(user, generate_totp_secret())
    return user


def test_head_whose_provider_asserts_mfa_goes_straight_to_the_home_page(
    portal, identity_provider, school
):
    user = _head_with_totp(school, f"head.mfa@{DOMAIN}")
    response = sign_in_with_provider(portal, identity_provider, user.email)
    assert response["Location"] == "/"
    home = portal.get("/")
    assert home.status_code == 200
    assert home.wsgi_request.user == user


def test_head_without_mfa_at_the_provider_is_asked_for_the_portals_code(
    portal, identity_provider, school
):
    user = _head_with_totp(school, f"head.pwd@{DOMAIN}")
    response = sign_in_with_provider(portal, identity_provider, user.email)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not portal.get("/").wsgi_request.user.is_authenticated
    assert Authenticator.objects.filter(user=user).exists()


def test_head_without_an_authenticator_and_without_mfa_must_set_one_up(
    portal, identity_provider, school
):
    user = _head_with_totp(school, f"head.pwd@{DOMAIN}")
    Authenticator.objects.filter(user=user).delete()
    response = sign_in_with_provider(portal, identity_provider, user.email)
    assert response["Location"] == "/"
    assert portal.get("/")["Location"] == "/accounts/2fa/totp/activate/"
    # Without a password, they confirm who they are with the provider before adding one.
    again = portal.post("/accounts/oidc/local/login/?process=reauthenticate")
    assert again["Location"].startswith(identity_provider.issuer + "/authorize/")


def test_head_whose_provider_asserts_mfa_needs_no_authenticator_in_the_portal(
    portal, identity_provider, school
):
    user = _head_with_totp(school, f"head.mfa@{DOMAIN}")
    Authenticator.objects.filter(user=user).delete()
    assert sign_in_with_provider(portal, identity_provider, user.email)["Location"] == "/"
    assert portal.get("/").status_code == 200


def test_signed_in_person_connects_their_council_account(portal, identity_provider, school):
    user = UserFactory(email=f"nia.okafor@{DOMAIN}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    PersonFactory(school=school, email=user.email, user=user)
    portal.force_login(user)
    page = portal.get("/accounts/3rdparty/").content.decode()
    assert "Connect Testshire Council" in page
    response = sign_in_with_provider(portal, identity_provider, user.email, process="connect")
    assert response["Location"] == "/accounts/3rdparty/"
    assert user.socialaccount_set.get().provider == "local"
    # From now on the council's account signs them in.
    portal.post("/accounts/logout/")
    assert sign_in_with_provider(portal, identity_provider, user.email)["Location"] == "/"


def test_connecting_someone_elses_council_account_is_refused(portal, identity_provider, school):
    user = UserFactory(email=f"staff@{DOMAIN}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    portal.force_login(user)
    response = sign_in_with_provider(
        portal, identity_provider, f"sam.rees@{DOMAIN}", process="connect"
    )
    assert response.status_code == 403
    assert "not the one you sign in with here" in response.content.decode()
    assert not user.socialaccount_set.exists()
