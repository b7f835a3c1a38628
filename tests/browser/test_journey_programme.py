"""A member of staff with a place at a conference opens its programme, chooses a workshop,
changes to another and finds it in their timetable; parallel workshops sit side by side on a
desktop and one under another on a phone."""

import re

from playwright.sync_api import expect

from programme.models import Choice
from tests.browser.conftest import check_page, sign_in, verified_login
from tests.programme.conftest import make_conference, make_session, make_slot, register


def _boxes(page, titles):
    return [page.get_by_role("heading", name=title, level=4).bounding_box() for title in titles]


def test_member_chooses_and_changes_a_workshop(page, staff, partnership, school):
    conference = make_conference(partnership=partnership, host_school=school)
    keynote_slot = make_slot(conference, hour=9, title="Opening keynote")
    make_session(keynote_slot, title="Why we read", kind="keynote")
    slot = make_slot(conference, hour=11, title="Workshops 1")
    phonics = make_session(slot, title="Phonics in practice", capacity=2, room="Hall")
    maths = make_session(slot, title="Maths mastery", capacity=30, room="Library")
    register(conference, staff.person)

    sign_in(page, verified_login(staff))
    page.goto(conference.get_absolute_url())
    page.get_by_role("link", name="The programme and choosing sessions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Programme: {conference.title}")
    page.set_viewport_size({"width": 1280, "height": 900})
    # In the programme's order: by strand, then title.
    first, second = _boxes(page, ["Maths mastery", "Phonics in practice"])
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]  # side by side
    page.set_viewport_size({"width": 375, "height": 800})
    first, second = _boxes(page, ["Maths mastery", "Phonics in practice"])
    assert second["y"] > first["y"] + first["height"]  # stacked
    check_page(page, "programme")

    page.get_by_role("button", name=re.compile(r"^Choose\s*: Phonics in practice$")).click()
    expect(page.get_by_role("status").first).to_contain_text("You have a place")
    expect(page.get_by_text("Your choice: place confirmed")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Change to this\s*: Maths mastery$")).click()
    expect(page.get_by_role("status").first).to_contain_text("Maths mastery")
    assert Choice.objects.get(person=staff.person).session == maths
    assert not Choice.objects.filter(session=phonics).exists()

    page.get_by_role("link", name="My timetable").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My timetable")
    expect(page.get_by_role("link", name="Maths mastery")).to_be_visible()
    expect(page.get_by_role("link", name="Why we read")).to_be_visible()
    check_page(page, "timetable")
