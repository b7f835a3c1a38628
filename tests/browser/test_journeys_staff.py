"""A member of staff finds a colleague and keeps their card, and signs up for an event."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventKind, Registration
from tests.browser.conftest import check_page, sign_in, tab_through, verified_login
from tests.factories import (
    EventFactory,
    MembershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SchoolFactory,
    SpecialismFactory,
)


def test_staff_searches_maths_narrows_to_primary_sles_and_downloads_a_vcard(
    page, staff, school, partnership
):
    # Factories, not the migration's seeded rows: a live-server test empties the tables after.
    sle = RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    maths = SpecialismFactory(name="Maths")
    # The school's name does not say it is a primary school: the phase does.
    primary = SchoolFactory(name="St Anne's C of E School", phase="primary")
    secondary = SchoolFactory(name="Northgate Academy", phase="secondary")
    MembershipFactory(school=primary, partnership=partnership)
    priya = PersonFactory(
        school=primary,
        first_name="Priya",
        last_name="Marsden",
        email="priya.marsden@example.org",
        telephone="+442079460123",
    )
    RoleAssignmentFactory(person=priya, role_type=sle, specialism=maths)
    tom = PersonFactory(school=secondary, first_name="Tom", last_name="Okafor")
    RoleAssignmentFactory(person=tom, role_type=sle, specialism=maths)
    sign_in(page, verified_login(staff))

    page.get_by_role("searchbox", name="Search the portal").fill("maths")
    page.get_by_role("search").first.get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("^Search: maths - "))
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ results?$"))
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Priya Marsden")).to_be_visible()
    expect(results.get_by_role("link", name="Tom Okafor")).to_be_visible()
    check_page(page, "search-maths")

    # Narrow in the people directory: every filter is kept in the address.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    reached = tab_through(page, "form.people-filters")
    assert reached[:2] == ["q", "role"]
    page.get_by_label("Role").select_option(label="Specialist Leader of Education (SLE)")
    page.get_by_label("Specialism").select_option(label="Maths")
    page.get_by_label("School phase").select_option(label="Primary")
    page.get_by_role("button", name="Find people").click()
    count = page.locator("#result-count")
    expect(count).to_have_text("Showing 1-1 of 1 person")
    expect(count).to_have_attribute("role", "status")
    expect(page).to_have_url(re.compile(r"role=specialist-leader-of-education"))
    expect(page).to_have_url(re.compile(r"specialism=maths"))
    expect(page).to_have_url(re.compile(r"phase=primary"))
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="Priya Marsden")).to_be_visible()
    expect(table.get_by_role("link", name="Tom Okafor")).to_have_count(0)
    tags = page.get_by_role("list", name="Filters in use")
    expect(tags.get_by_role("link", name=re.compile("School phase: Primary"))).to_be_visible()
    check_page(page, "people-filtered")

    # A filter tag removes its filter and keeps the others; the same address without
    # JavaScript shows the same page.
    tags.get_by_role("link", name=re.compile("School phase: Primary")).click()
    expect(count).to_have_text("Showing 1-2 of 2 people")
    assert "phase=primary" not in page.url and "specialism=maths" in page.url
    page.goto(page.url.replace("specialism=maths", "specialism=maths&q=nobody"))
    expect(page.get_by_role("heading", name="No one matches all of these filters")).to_be_visible()
    expect(page.locator("#result-count")).to_have_text("No people found")
    check_page(page, "people-empty")
    page.get_by_role("link", name=re.compile("Name: nobody")).click()
    expect(page.locator("#result-count")).to_have_text("Showing 1-2 of 2 people")

    page.get_by_role("table").get_by_role("link", name="Priya Marsden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Marsden")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("People")
    check_page(page, "person-sle")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download contact card (vCard)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".vcf")
    card = Path(download.path()).read_text(encoding="utf-8")
    assert card.startswith("BEGIN:VCARD")
    assert "FN:Priya Marsden" in card
    assert "St Anne's C of E School" in card
    assert card.rstrip().endswith("END:VCARD")


def test_member_registers_for_an_event_and_adds_it_to_their_calendar(
    page, staff, school, partnership
):
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=10)).replace(
        hour=15, minute=45, second=0, microsecond=0
    )
    # Training keeps registration with places; meetings are answered instead (RSVP).
    event = EventFactory(
        title="Maths reasoning training",
        kind=EventKind.CPD,
        partnership=partnership,
        host_school=school,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1, minutes=30),
        capacity=12,
    )
    sign_in(page, verified_login(staff))

    page.get_by_role("region", name="What's on").get_by_role("link", name=event.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(page.get_by_text("12 of 12 left")).to_be_visible()
    check_page(page, "event")

    page.get_by_role("button", name="Register").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("registered")
    expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()
    expect(page.get_by_text("11 of 12 left")).to_be_visible()
    check_page(page, "event-registered")
    assert Registration.objects.get(event=event, person=staff.person).status == "confirmed"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    ics = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Maths reasoning training" in ics
    assert f"DTSTART;TZID=Europe/London:{starts:%Y%m%dT%H%M%S}" in ics or (
        f"DTSTART:{starts.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in ics
    )

    # The event sheet prints without the navigation or the buttons.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Cancel my registration")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
