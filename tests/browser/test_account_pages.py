"""The account pages pass the accessibility scan and fit a phone, signed out and signed in."""

from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in, verified_login

SIGNED_OUT = {
    "/accounts/login/": "Sign in",
    "/accounts/password/reset/": "Reset your password",
    "/accounts/password/reset/done/": "Check your e-mail",
    "/accounts/password/reset/key/1-not-a-key/": "This link no longer works",
    "/accounts/signup/": "Accounts are by invitation",
}
SIGNED_IN = {
    "/accounts/email/": "E-mail addresses",
    "/accounts/password/change/": "Change your password",
    "/accounts/2fa/": "Two-factor sign-in",
    "/accounts/logout/": "Sign out",
}


def test_account_pages_are_accessible_on_a_desktop_and_a_phone(page, staff):
    for url, heading in SIGNED_OUT.items():
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check_page(page, "account" + url.rstrip("/").replace("/", "-"))

    # A failed sign-in: the summary names the fields, and "Remember me" sits by its box.
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    box = page.get_by_label("Remember me").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()
    assert abs(box["y"] + box["height"] / 2 - (label["y"] + label["height"] / 2)) < 8
    check_page(page, "account-login-error")

    sign_in(page, verified_login(staff))
    for url, heading in SIGNED_IN.items():
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check_page(page, "account" + url.rstrip("/").replace("/", "-"))
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
