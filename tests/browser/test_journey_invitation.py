"""From an invitation e-mail to a first sign-in: an admin invites a school's new headteacher,
who makes an account from the link and must set up two-factor sign-in before anything else."""

import re

from allauth.mfa.models import Authenticator
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import (
    check_page,
    password_prompts,
    sign_in_with_code,
    tab_through,
    totp_code,
    verified_login,
    with_authenticator,
)
from tests.factories import PersonFactory, SchoolFactory

NEW_PASSWORD = "lantern-orchard-meadow-41"


def test_invited_headteacher_makes_an_account_and_sets_up_two_factor(page, other_page, admin):
    castleton = SchoolFactory(name="Castleton Junior School", slug="castleton-junior-school")
    rosa = PersonFactory(
        school=castleton, first_name="Rosa", last_name="Adeyemi", email="r.adeyemi@example.org"
    )
    castleton.headteacher = rosa
    castleton.save()

    sign_in_with_code(page, verified_login(admin), with_authenticator(admin))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools").click()
    page.get_by_role("link", name="Castleton Junior School").click()
    page.get_by_role("link", name="Invite staff to this school").click()
    expect(page.get_by_label("School")).to_have_value(str(castleton.pk))
    check_page(page, "invite")
    tab_through(page, "main form")
    page.get_by_label("E-mail address").fill("r.adeyemi@example.org")
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Adeyemi")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to r.adeyemi@example.org")
    expect(page.get_by_role("row", name=re.compile("r.adeyemi@example.org"))).to_be_visible()
    check_page(page, "invitations")

    [message] = mail.outbox
    assert message.to == ["r.adeyemi@example.org"]
    link = re.search(r"https?://\S+/accounts/invitations/[\w-]+/", message.body).group(0)

    # Rosa, in her own browser.
    rosa_page = other_page
    rosa_page.goto(link)
    expect(rosa_page.get_by_role("heading", level=1)).to_have_text("Make your account")
    expect(rosa_page.get_by_text("Castleton Junior School")).to_be_visible()
    check_page(rosa_page, "invitation-accept")
    rosa_page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    rosa_page.get_by_label("Password (again)").fill(NEW_PASSWORD + "x")
    rosa_page.get_by_role("button", name="Make my account").click()
    summary = rosa_page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    check_page(rosa_page, "invitation-accept-error")
    summary.get_by_role("link", name=re.compile("Password \\(again\\)")).click()
    expect(rosa_page.get_by_label("Password (again)")).to_be_focused()

    rosa_page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    rosa_page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    rosa_page.get_by_role("button", name="Make my account").click()

    # A headteacher reaches nothing else until an authenticator app is set up, straight away:
    # the password she has just chosen is not asked for again.
    expect(rosa_page.get_by_role("status")).to_contain_text("needs two-factor sign-in")
    # (The browser keeps the error summary's "#id_password2" through the redirects.)
    expect(rosa_page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/(#\w+)?$"))
    expect(rosa_page.get_by_role("heading", name="Why you need one")).to_be_visible()
    check_page(rosa_page, "two-factor-set-up")
    secret = rosa_page.get_by_label("Authenticator secret").input_value()
    rosa_page.get_by_label("Authenticator code").fill(totp_code(secret))
    rosa_page.get_by_role("button", name="Activate").click()
    expect(rosa_page.get_by_role("status")).to_contain_text("Authenticator app set up.")
    expect(rosa_page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    check_page(rosa_page, "two-factor-done")
    assert Authenticator.objects.filter(user__email="r.adeyemi@example.org").count() == 2
    assert password_prompts(rosa_page) == []

    rosa_page.get_by_role("link", name="Continue").click()
    expect(rosa_page.get_by_text("Welcome, Rosa Adeyemi.")).to_be_visible()
    rosa_page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(rosa_page.get_by_role("heading", level=1)).to_have_text("People")
    assert len(password_prompts(page)) == 1  # The admin's one sign-in.
