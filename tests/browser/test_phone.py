"""At phone width (375 px): what a failed form, a stacked table, the directory's filters, the
header and live search do for someone on a phone, with a keyboard or a screen reader."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import verified_login

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def focused_class(page) -> str:
    return page.evaluate("document.activeElement.className")


def test_after_a_failed_sign_in_the_error_summary_has_the_focus(phone, staff):
    email = verified_login(staff)
    phone.goto("/accounts/login/")
    phone.get_by_label("Email").fill(email)
    phone.get_by_label("Password").fill("not-the-password")
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.locator(".error-summary")).to_be_visible()
    assert "error-summary" in focused_class(phone)
    assert phone.title().startswith("Error: ")


def test_after_a_failed_form_the_error_summary_has_the_focus(phone, staff):
    from tests.browser.conftest import sign_in

    sign_in(phone, verified_login(staff))
    phone.goto(f"/people/{staff.person.pk}/edit/")
    phone.get_by_label("First name").fill("")
    phone.get_by_role("button", name="Save profile").click()
    expect(phone.locator(".error-summary")).to_be_visible()
    assert "error-summary" in focused_class(phone)
    assert phone.title().startswith("Error: ")
    ring = phone.evaluate(
        "getComputedStyle(document.activeElement).boxShadow + ' ' +"
        " getComputedStyle(document.activeElement).outlineColor"
    )
    assert "rgb(29, 29, 31)" in ring and "rgb(255, 191, 71)" in ring  # ink and yellow
