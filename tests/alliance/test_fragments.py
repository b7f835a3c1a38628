"""Fragments kept by exactly what they show: a directory's rows and filter forms are never
stale and never carry anything of the viewer they were first rendered for."""

import pytest

from alliance.lib import fragments
from people.models import ContactVisibility, Person
from schools.models import School
from schools.views.directory import ROW_FIELDS
from tests.factories import PersonFactory, RoleTypeFactory, SchoolFactory


def test_a_row_changed_behind_the_signals_shows_its_new_values_at_once(staff, school):
    assert "Abbeyfield Primary School" in staff.get("/schools/").content.decode()
    School.objects.filter(pk=school.pk).update(name="Abbeyfield Renamed School", town="Newtown")
    page = staff.get("/schools/").content.decode()
    assert "Abbeyfield Renamed School" in page
    assert "Abbeyfield Primary School" not in page


def test_a_row_is_the_same_for_every_viewer_and_contacts_are_each_viewers_own(
    staff, outsider, school
):
    PersonFactory(
        school=school,
        first_name="Morwenna",
        last_name="Quibble",
        email="morwenna.quibble@example.org",
        contact_visibility=ContactVisibility.SCHOOL,
    )
    colleague_page = staff.get("/people/", {"q": "quibble"}).content.decode()
    other_page = outsider.get("/people/", {"q": "quibble"}).content.decode()
    assert "morwenna.quibble@example.org" in colleague_page
    assert "morwenna.quibble@example.org" not in other_page
    assert "Not shared" in other_page
    # The row's other cells are one fragment, rendered once and shown to both.
    cells = staff.get("/people/", {"q": "quibble"}).context["row_cells"][0][1]
    assert cells == outsider.get("/people/", {"q": "quibble"}).context["row_cells"][0][1]
    assert "@" not in cells


def test_a_person_renamed_behind_the_signals_is_listed_by_the_new_name(staff, school):
    person = PersonFactory(school=school, first_name="Tamsin", last_name="Oldfield")
    assert "Tamsin Oldfield" in staff.get("/people/", {"q": "tamsin"}).content.decode()
    Person.objects.filter(pk=person.pk).update(last_name="Newfield")
    page = staff.get("/people/", {"q": "tamsin"}).content.decode()
    assert "Tamsin Newfield" in page
    assert "Tamsin Oldfield" not in page


def test_the_filter_form_shows_what_each_request_typed(staff, anonymous, school):
    assert 'value="Alphaton"' in staff.get("/schools/", {"town": "Alphaton"}).content.decode()
    page = staff.get("/schools/", {"town": "Betaville"}).content.decode()
    assert 'value="Betaville"' in page
    assert "Alphaton" not in page
    assert 'value="Alphaton"' not in staff.get("/schools/").content.decode()


def test_a_new_role_type_appears_in_the_people_filter_at_once(staff):
    assert "Forest school leader" not in staff.get("/people/").content.decode()
    RoleTypeFactory(name="Forest school leader")
    assert "Forest school leader" in staff.get("/people/").content.decode()


def test_at_most_the_configured_number_of_fragments_are_kept(monkeypatch, db):
    monkeypatch.setattr(fragments, "FRAGMENTS_KEPT", 3)
    fragments.clear()
    for school in SchoolFactory.create_batch(5):
        fragments.row_html("schools/_directory_row.html", ROW_FIELDS, school)
    assert len(fragments._kept) == 3


@pytest.mark.parametrize("field", ["name", "town", "urn", "pupils_on_roll", "status", "phase"])
def test_every_value_a_school_row_shows_is_part_of_its_key(staff, school, field):
    """The row template sees the key's values and nothing else (a variable it read beyond them
    fails the tests), and each value it shows changes the row."""
    assert field in ROW_FIELDS
    before = fragments.row_html("schools/_directory_row.html", ROW_FIELDS, school)
    changed = {
        "name": "Changed Name School",
        "town": "Changedtown",
        "urn": "999123",
        "pupils_on_roll": 4321,
        "status": "closed",
        "phase": "secondary",
    }[field]
    setattr(school, field, changed)
    after = fragments.row_html("schools/_directory_row.html", ROW_FIELDS, school)
    assert after != before


def test_the_month_grid_shows_each_viewer_the_events_they_may_see_as_they_are_now(
    staff, anonymous, school
):
    from django.utils import timezone

    from events.models import Event
    from tests.factories import EventFactory

    starts = timezone.now() + timezone.timedelta(days=1)
    month = timezone.localtime(starts).strftime("%Y-%m")
    public = EventFactory(title="Open moderation day", starts_at=starts, is_published=True)
    EventFactory(title="Heads only briefing", starts_at=starts, is_published=False)
    member_grid = staff.get("/events/calendar/", {"month": month}).content.decode()
    visitor_grid = anonymous.get("/events/calendar/", {"month": month}).content.decode()
    assert "Heads only briefing" in member_grid
    assert "Heads only briefing" not in visitor_grid
    assert "Open moderation day" in visitor_grid
    Event.objects.filter(pk=public.pk).update(title="Moved moderation day")
    assert (
        "Moved moderation day" in staff.get("/events/calendar/", {"month": month}).content.decode()
    )
