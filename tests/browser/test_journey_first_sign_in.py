"""The first sign-in of a headteacher, a coordinator who is a headteacher, and an alliance
admin: one password prompt, then the authenticator set-up that says why, then recovery codes
that lead on into the portal. Later sign-ins ask for the password once and a code."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    check_page,
    password_prompts,
    sign_in,
    totp_code,
    verified_login,
)
from tests.factories import SchoolFactory


@pytest.fixture
def coordinator_head(coordinator):
    """The coordinator of a cluster who is also a headteacher (as in the demo alliance)."""
    SchoolFactory(name="Castleton Junior School", headteacher=coordinator.person)
    return coordinator


@pytest.mark.parametrize("persona", ["head", "coordinator_head", "admin"])
def test_first_sign_in_asks_for_the_password_once_then_sets_up_the_app(
    page, browser, live_server, persona, request
):
    client = request.getfixturevalue(persona)
    email = verified_login(client)
    sign_in(page, email)

    # Straight to the set-up, which says why; no "confirm it is you" in between.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("heading", name="Why you need one")).to_be_visible()
    if persona == "head":
        check_page(page, "two-factor-why")
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.get_by_role("link", name="Download the codes as a text file")).to_be_visible()
    expect(page.get_by_role("link", name="Generate new codes")).to_be_visible()
    if persona == "head":
        check_page(page, "recovery-codes")
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Set up an authenticator app")
    assert len(password_prompts(page)) == 1, page.visited

    # Signing in again, in a new browser: the password once, then a code.
    context = browser.new_context(base_url=live_server.url)
    again = context.new_page()
    again.visited = []
    again.on(
        "framenavigated", lambda f: again.visited.append(f.url) if not f.parent_frame else None
    )
    sign_in(again, email)
    expect(again).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    again.get_by_label("Code").fill(totp_code(secret))
    again.get_by_role("button", name="Sign in").click()
    expect(again).to_have_url(f"{live_server.url}/")
    assert len(password_prompts(again)) == 1, again.visited
    context.close()
