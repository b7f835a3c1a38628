"""Signing in with the school's own account: a teacher invited to Abbeyfield presses "Sign in
with Testshire Council" and signs in at the council's identity provider (a real OpenID
Connect provider on loopback, tests/oidc_provider/) to land on their home page; a colleague
nobody invited is turned away with the portal's own page."""

import pytest
from playwright.sync_api import expect

from accounts.models import SchoolEmailDomain
from tests.accounts.conftest import make_invitation
from tests.browser.conftest import check_page
from tests.oidc_provider.server import running_provider

DOMAIN = "abbeyfield.example.org"


@pytest.fixture
def identity_provider(live_server, tmp_path, settings):
    callback = f"{live_server.url}/accounts/oidc/local/login/callback/"
    users = [{"email": f"nia.okafor@{DOMAIN}"}, {"email": f"lee.ward@{DOMAIN}"}]
    with running_provider(tmp_path / "op", redirect_uris=[callback], users=users) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = provider.portal_settings()
        settings.CONTENT_SECURITY_POLICY = provider.portal_csp(settings.CONTENT_SECURITY_POLICY)
        yield provider


def sign_in_at_provider(page, provider, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with Testshire Council").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testshire identity")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(provider.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_invited_teacher_signs_in_with_the_councils_account(
    page, other_page, live_server, identity_provider, school, partnership
):
    SchoolEmailDomain.objects.create(school=school, domain=DOMAIN)
    make_invitation(school, email=f"nia.okafor@{DOMAIN}")

    page.goto("/accounts/login/")
    expect(page.get_by_text("Or with your e-mail address and password")).to_be_visible()
    check_page(page, "sso-sign-in")
    sign_in_at_provider(page, identity_provider, f"nia.okafor@{DOMAIN}")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Welcome, Nia Okafor.")).to_be_visible()
    check_page(page, "sso-home")

    # A colleague at the same school, in the directory of no school and never invited.
    sign_in_at_provider(other_page, identity_provider, f"lee.ward@{DOMAIN}")
    expect(other_page.get_by_role("heading", level=1)).to_have_text(
        "You cannot sign in with Testshire Council"
    )
    expect(other_page.get_by_text("There is no invitation or directory entry")).to_be_visible()
    check_page(other_page, "sso-refused")
    other_page.get_by_role("link", name="Sign in with your e-mail address and password").click()
    expect(other_page.get_by_role("heading", level=1)).to_have_text("Sign in")

    # The identity provider is the one other site these journeys visit.
    for browser_page in (page, other_page):
        browser_page.external_requests[:] = [
            url
            for url in browser_page.external_requests
            if not url.startswith(identity_provider.issuer.removesuffix("/o"))
        ]
