"""My timetable and the calendar feed of my sessions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.models import CalendarFeedToken, Registration
from programme.models import Choice
from programme.services import choice_make, choice_withdraw
from tests.factories import PersonFactory
from tests.programme.conftest import choose, make_conference, make_session, make_slot, register

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _feed(client, person):
    token = CalendarFeedToken.objects.create(person=person).token
    response = client.get(f"/programme/feeds/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _summaries(calendar):
    return sorted(str(c["summary"]) for c in calendar.walk("VEVENT"))


def test_the_timetable_lists_keynotes_and_choices_in_time_order(
    staff, conference, keynote, small, large
):
    register(conference, staff.person)
    choice_make(person=staff.person, session=large)
    page = staff.get("/programme/mine/").content.decode()
    assert "Joint conference" in page
    assert page.index("Why we read") < page.index("Maths mastery")
    assert "Phonics in practice" not in page


def test_the_timetable_asks_for_a_missing_choice_and_shows_waiting(staff, conference, small, large):
    other_slot = make_slot(conference, hour=14, title="Workshops 2")
    make_session(other_slot, title="Reading", capacity=1)
    make_session(other_slot, title="Writing")
    for person in PersonFactory.create_batch(2):
        register(conference, person)
        choose(small, person)
    register(conference, staff.person)
    choice_make(person=staff.person, session=small)
    page = staff.get("/programme/mine/").content.decode()
    assert "On the waiting list" in page
    assert "Choose a session for Workshops 2" in page


def test_events_without_a_place_are_not_in_the_timetable(staff, conference, keynote):
    register(conference, staff.person, status=Registration.Status.WAITLISTED)
    page = staff.get("/programme/mine/").content.decode()
    assert "Joint conference" not in page
    assert "You have no place at an event with a programme." in page


def test_the_timetable_links_to_the_feed_once_there_is_a_key(staff, conference, keynote):
    page = staff.get("/programme/mine/").content.decode()
    assert "Make a calendar feed address" in page
    token = CalendarFeedToken.objects.create(person=staff.person).token
    page = staff.get("/programme/mine/").content.decode()
    assert f"webcal://testserver/programme/feeds/{token}.ics" in page


def test_the_timetable_needs_a_signed_in_member(anonymous):
    response = anonymous.get("/programme/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_feed_has_confirmed_sessions_in_uk_time(anonymous, conference, keynote, small, large):
    person = PersonFactory()
    register(conference, person)
    choice_make(person=person, session=large)
    calendar = _feed(anonymous, person)
    assert _summaries(calendar) == [
        "Maths mastery (Joint conference)",
        "Why we read (Joint conference)",
    ]
    workshop = next(c for c in calendar.walk("VEVENT") if "Maths" in str(c["summary"]))
    starts = workshop.decoded("dtstart")
    assert starts.tzinfo is not None and str(starts.tzinfo) == "Europe/London"
    assert starts == large.slot.starts_at.astimezone(LONDON)
    assert workshop.decoded("dtend") == large.slot.ends_at.astimezone(LONDON)
    assert "Library" in str(workshop["location"])
    assert calendar.walk("VTIMEZONE")


def test_waitlisted_and_withdrawn_choices_are_not_in_the_feed(anonymous, conference, small, large):
    person = PersonFactory()
    register(conference, person)
    for other in PersonFactory.create_batch(2):
        register(conference, other)
        choose(small, other)
    choice_make(person=person, session=small)
    assert Choice.objects.get(person=person).status == Choice.Status.WAITLISTED
    assert _summaries(_feed(anonymous, person)) == []
    CalendarFeedToken.objects.filter(person=person).delete()
    choice_make(person=person, session=large)
    choice_withdraw(person=person, slot=large.slot)
    assert _summaries(_feed(anonymous, person)) == []


def test_a_bad_or_revoked_token_is_404(anonymous, staff):
    assert anonymous.get("/programme/feeds/not-a-token.ics").status_code == 404
    token = CalendarFeedToken.objects.create(person=staff.person).token
    CalendarFeedToken.objects.filter(person=staff.person).delete()
    assert anonymous.get(f"/programme/feeds/{token}.ics").status_code == 404


def _events_with_programmes(person, count):
    for number in range(count):
        event = make_conference(days_ahead=10 + number, title=f"Conference {number}")
        register(event, person)
        for hour in (9, 11):
            slot = make_slot(event, hour=hour)
            first = make_session(slot, title=f"A {number}.{hour}", capacity=3)
            make_session(slot, title=f"B {number}.{hour}")
            first.presenters.add(PersonFactory())
            choose(first, person)


@pytest.mark.parametrize("count", [1, 8])
def test_timetable_and_feed_queries_do_not_grow_with_events_or_choices(
    staff, anonymous, count, django_assert_num_queries
):
    """Events, slots, sessions, presenters and choices are one query each, whatever their
    number; the choices come with the slots (the timetable: session, user, token, events,
    slots, sessions, presenters; the feed: token, events, slots, sessions, presenters)."""
    _events_with_programmes(staff.person, count)
    with django_assert_num_queries(7):
        page = staff.get("/programme/mine/")
    assert page.content.decode().count("Conference ") >= count
    token = CalendarFeedToken.objects.create(person=staff.person).token
    with django_assert_num_queries(5):
        feed = anonymous.get(f"/programme/feeds/{token}.ics")
    calendar = icalendar.Calendar.from_ical(feed.content)
    assert len(calendar.walk("VEVENT")) == 2 * count


def test_past_events_drop_out_after_a_term(staff):
    old = make_conference(days_ahead=-200, title="Old conference")
    register(old, staff.person)
    make_session(make_slot(old, hour=10), title="Old keynote")
    assert "Old conference" not in staff.get("/programme/mine/").content.decode()


def test_a_presenter_finds_the_session_they_present_in_timetable_and_feed(
    staff, anonymous, conference, keynote, small, large
):
    """Presenting needs no place of one's own: the session shows in the timetable, marked,
    linked to its page (which lists who chose it), and in the calendar feed."""
    small.presenters.add(staff.person)
    page = staff.get("/programme/mine/").content.decode()
    assert "Joint conference" in page
    assert f'<a href="{small.get_absolute_url()}">Phonics in practice</a>' in page
    assert "You present" in page
    assert "Maths mastery" not in page
    assert "Phonics in practice (Joint conference)" in _summaries(_feed(anonymous, staff.person))
    session_page = staff.get(small.get_absolute_url()).content.decode()
    assert "Who chose it" in session_page
