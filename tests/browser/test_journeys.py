"""Journeys a real person takes, in a real browser."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in, verified_login
from tests.factories import (
    NetworkGroupFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SpecialismFactory,
)


def test_visitor_reads_a_published_partnership_but_must_sign_in_for_people(page, partnership):
    partnership.description = "Eight schools raising standards together."
    partnership.save()
    page.goto("/")
    check_page(page, "home-public")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
    expect(page).to_have_title(re.compile("^Partnerships - "))
    check_page(page, "partnerships")
    page.get_by_role("link", name="Testbridge Alliance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testbridge Alliance")
    expect(page.get_by_text("Eight schools raising standards together.")).to_be_visible()
    check_page(page, "partnership-public")

    page.goto("/people/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/people/"))
    check_page(page, "sign-in")


def test_member_searches_as_they_type_and_without_javascript(page, staff, school, partnership):
    maths = SpecialismFactory(name="Maths")
    sle = RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    teacher = PersonFactory(school=school, first_name="Priya", last_name="Marsden")
    RoleAssignmentFactory(person=teacher, role_type=sle, specialism=maths)
    NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    sign_in(page, verified_login(staff))

    box = page.get_by_role("searchbox", name="Search the portal")
    box.fill("math")
    dropdown = page.locator("#site-search-results")
    expect(dropdown.get_by_role("link", name="Priya Marsden")).to_be_visible()
    expect(page.locator("#search-status")).to_contain_text("result")

    box.press("Enter")
    expect(page).to_have_title(re.compile("^Search: math - "))
    check_page(page, "search")
    page.get_by_role("link", name="Priya Marsden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Marsden")
    check_page(page, "person")


def test_keyboard_reaches_the_skip_link_first_with_visible_focus(page, db):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_reading_and_searching_need_no_javascript(browser, live_server, staff, school):
    maths = SpecialismFactory(name="Maths")
    sle = RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    teacher = PersonFactory(school=school, first_name="Priya", last_name="Marsden")
    RoleAssignmentFactory(person=teacher, role_type=sle, specialism=maths)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, verified_login(staff))
        page.get_by_role("searchbox", name="Search the portal").fill("maths")
        page.get_by_role("searchbox", name="Search the portal").press("Enter")
        expect(page).to_have_url(re.compile(r"/search/\?q=maths"))
        expect(page.get_by_role("link", name="Priya Marsden")).to_be_visible()

        page.goto("/people/")
        page.get_by_label("Specialism").select_option(label="Maths")
        page.get_by_role("button", name="Find people").click()
        expect(page).to_have_url(re.compile(r"specialism=maths"))
        expect(page.locator("#result-count")).to_have_text("Showing 1-1 of 1 person")
        page.get_by_role("link", name=re.compile("Specialism: Maths")).click()
        assert "specialism" not in page.url
    finally:
        context.close()
