"""At phone width (375 px) the portal's tables, list filters and header fit a phone: a stacked
table row keeps its column headings, a list's filters fold behind "Show filters" so the first
result is on the first screen, and the header's links fold behind a menu button. At 1280 px
the filters stay open and the links stay in the header."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    check_page,
    sign_in,
    sign_in_with_code,
    verified_login,
    with_authenticator,
)
from tests.factories import (
    DeploymentFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    RegistrationFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SchoolFactory,
    SupportRequestFactory,
)

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}

# Every cell of a stacked row (a row the phone layout shows as a card, not as a table row) must
# show its column's heading beside it: the cell's ::before, or, in a form, its fields' labels.
# A row's own heading (<th scope="row">, a school's name, say) heads the card.
UNLABELLED_CELLS = """() => {
    const unlabelled = [];
    let stacked = 0;
    for (const table of document.querySelectorAll("main table")) {
        const headings = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
        for (const row of table.querySelectorAll("tbody tr")) {
            if (getComputedStyle(row).display === "table-row") continue;
            stacked += 1;
            [...row.children].forEach((cell, column) => {
                if (cell.matches("th[scope=row]") && !cell.hasAttribute("data-label")) return;
                if (!cell.getClientRects().length) return;
                const before = getComputedStyle(cell, "::before");
                const shown = before.display !== "none" && before.content.startsWith('"')
                    ? before.content.slice(1, -1) : "";
                const labelled = [...cell.querySelectorAll("label")]
                    .some(label => label.getClientRects().length);
                if (shown !== headings[column] && !labelled) {
                    const text = cell.textContent.trim().slice(0, 40);
                    unlabelled.push(`${headings[column] || "?"} column: "${text}"`
                        + (shown ? ` labelled "${shown}"` : " without a label"));
                }
            });
        }
    }
    return {stacked, unlabelled};
}"""


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def no_script_page(browser, live_server, settings):
    """A browser with JavaScript turned off."""
    settings.WHITENOISE_USE_FINDERS = True
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def alliance(partnership, school, coordinator):
    """A partnership of a few schools, with people in roles, an event people registered for,
    a support request and a deployment: a row in every list a phone user opens."""
    sle = RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    for name in ("Brookside Primary School", "Castleton Junior School", "Dale Academy"):
        member = SchoolFactory(name=name, town="Eastbridge", local_authority="Eastbridge")
        MembershipFactory(school=member, partnership=partnership)
        person = PersonFactory(school=member, job_title="Deputy headteacher")
        RoleAssignmentFactory(person=person, role_type=sle)
    event = EventFactory(title="Maths network meeting", partnership=partnership, host_school=school)
    RegistrationFactory(event=event, person=PersonFactory(school=school))
    SupportRequestFactory(school=school)
    DeploymentFactory(partnership=partnership, supported_school=school)
    return {"event": event}


def unlabelled_cells(page, path: str) -> list[str]:
    page.goto(path)
    found = page.evaluate(UNLABELLED_CELLS)
    assert found["stacked"] > 0, f"{path} shows no stacked table row at 375 px"
    return [f"{path}: {cell}" for cell in found["unlabelled"]]


def test_every_stacked_table_row_shows_its_column_headings(
    phone, coordinator, partnership, alliance
):
    sign_in(phone, verified_login(coordinator))
    paths = [
        "/schools/",
        "/people/",
        "/events/",
        "/partnerships/",
        partnership.get_absolute_url(),
        f"/events/{alliance['event'].pk}/registrations/",
        "/support/",
    ]
    unlabelled = [cell for path in paths for cell in unlabelled_cells(phone, path)]
    assert unlabelled == []
    # The school directory's first card reads as a card: its heading, then labelled facts.
    phone.goto("/schools/")
    card = phone.locator("main table tbody tr").first
    assert card.evaluate("row => getComputedStyle(row.cells[1], '::before').content") == '"Phase"'


def test_the_staff_import_preview_labels_its_stacked_rows(phone, head, school):
    staff_list = (
        "first_name,last_name,preferred_name,job_title,email,telephone,contact_visibility,"
        "role,specialism,role_starts_on,role_ends_on\n"
        "Ada,Lovelace,,Maths lead,ada.lovelace@example.org,,school,,,,\n"
        "Zoë,Brontë,Zo,Year 2 teacher,zoe.bronte@example.org,,,,,,\n"
    )
    # A headteacher signs in with an authenticator code (their role asks for one).
    sign_in_with_code(phone, verified_login(head), with_authenticator(head))
    phone.goto(f"/registers/schools/{school.slug}/people/import/")
    phone.get_by_label("CSV file").set_input_files(
        files=[{"name": "staff.csv", "mimeType": "text/csv", "buffer": staff_list.encode()}]
    )
    phone.get_by_role("button", name="Check the file").click()
    expect(phone.get_by_role("button", name="Import these rows")).to_be_visible()
    found = phone.evaluate(UNLABELLED_CELLS)
    assert found["stacked"] == 2
    assert found["unlabelled"] == []


def test_the_first_school_is_on_the_first_screen_with_the_filters_folded(phone, staff):
    for number in range(25):
        SchoolFactory(name=f"Eastbridge School {number:02}", town="Eastbridge")
    sign_in(phone, verified_login(staff))
    phone.goto("/schools/")
    phase = phone.locator("#id_phase")
    expect(phase).to_be_hidden()
    first = phone.locator("main table tbody tr").first
    assert first.bounding_box()["y"] < PHONE["height"], "the first school is below the first screen"
    # The search box stays in view; the other filters open on demand.
    expect(phone.get_by_label("Search by name, town, URN or postcode")).to_be_visible()
    phone.get_by_text("Show filters").click()
    expect(phase).to_be_visible()
    phase.select_option(label="Primary")
    phone.get_by_role("button", name="Show schools").click()
    expect(phone).to_have_url(re.compile(r"phase=primary"))
    # The filter in use shows as a chip above the results, folded panel or not.
    phone.reload()
    expect(phone.get_by_role("link", name="Phase: Primary (remove this filter)")).to_be_visible()
    expect(phase).to_be_hidden()
    check_page(phone, "phone-schools-filtered")


@pytest.mark.parametrize(
    "path, field", [("/people/", "Role"), ("/events/", "Kind"), ("/resources/", "Key stage")]
)
def test_other_lists_fold_their_filters_on_a_phone_too(phone, staff, path, field):
    sign_in(phone, verified_login(staff))
    phone.goto(path)
    expect(phone.get_by_label(field)).to_be_hidden()
    phone.get_by_text("Show filters").click()
    expect(phone.get_by_label(field)).to_be_visible()
    phone.set_viewport_size(DESKTOP)
    phone.goto(path)
    expect(phone.get_by_label(field)).to_be_visible()
    expect(phone.get_by_text("Show filters")).to_be_hidden()


def test_on_a_desktop_the_filters_are_open(page, staff):
    sign_in(page, verified_login(staff))
    page.goto("/schools/")
    expect(page.get_by_label("Phase")).to_be_visible()
    expect(page.get_by_text("Show filters")).to_be_hidden()


def test_without_javascript_the_filters_fold_on_a_phone_and_stay_open_on_a_desktop(
    no_script_page, school
):
    page = no_script_page
    page.goto("/schools/")
    expect(page.get_by_label("Phase")).to_be_hidden()
    page.get_by_text("Show filters").click()
    expect(page.get_by_label("Phase")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.goto("/schools/")
    expect(page.get_by_label("Phase")).to_be_visible()


def header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def test_on_a_phone_the_header_links_fold_behind_a_menu_button(phone, staff):
    sign_in(phone, verified_login(staff))
    phone.goto("/schools/")
    main_nav = phone.get_by_role("navigation", name="Main")
    menu = phone.get_by_role("button", name="Menu")
    assert header_height(phone) <= 100
    expect(main_nav.get_by_role("link", name="People")).to_be_hidden()
    expect(phone.get_by_role("link", name="Sign out")).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "site-menu")

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(main_nav.get_by_role("link", name="People")).to_be_visible()
    expect(phone.get_by_role("link", name="Sign out")).to_be_visible()
    search = phone.get_by_role("searchbox", name="Search the portal")
    expect(search).to_be_visible()
    assert search.bounding_box()["height"] < 60, "the search box stretches down the open menu"
    assert header_height(phone) < 420, "the open menu fills more than the screen"
    check_page(phone, "phone-menu-open")

    # With the keyboard: Escape closes the menu and leaves the focus on its button; Enter opens it.
    main_nav.get_by_role("link", name="People").focus()
    phone.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    phone.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Tab")
    expect(main_nav.get_by_role("link", name="Home")).to_be_focused()
    main_nav.get_by_role("link", name="People").click()
    expect(phone).to_have_url(re.compile(r"/people/$"))


def test_on_a_desktop_the_header_shows_its_links_and_no_menu_button(page, staff):
    sign_in(page, verified_login(staff))
    page.goto("/schools/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="People")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the portal")).to_be_visible()


def test_without_javascript_the_header_links_stay_in_view_on_a_phone(no_script_page, school):
    page = no_script_page
    page.goto("/schools/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
