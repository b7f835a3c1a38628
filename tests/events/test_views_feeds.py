"""iCal: a file per event, public feeds per partnership and group, a private personal feed."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.models import CalendarFeedToken
from tests.factories import EventFactory, NetworkGroupFactory, RegistrationFactory, SchoolFactory

LONDON = ZoneInfo("Europe/London")


def parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(response) -> list[str]:
    return sorted(str(e["summary"]) for e in parse(response).walk("VEVENT"))


def test_event_ics_has_uk_times_and_a_link_back(anonymous, event):
    event.starts_at = datetime.datetime(2026, 6, 16, 15, 45, tzinfo=LONDON)
    event.ends_at = datetime.datetime(2026, 6, 16, 17, 15, tzinfo=LONDON)
    event.save()
    calendar = parse(anonymous.get(f"/events/{event.pk}/event.ics"))
    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert start == datetime.datetime(2026, 6, 16, 15, 45, tzinfo=LONDON)
    assert str(start.tzinfo) == "Europe/London"
    assert vevent["url"].endswith(event.get_absolute_url())
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/London"


def test_partnership_feed_lists_only_published_events(anonymous, partnership):
    EventFactory(title="Open", partnership=partnership)
    EventFactory(title="Private", partnership=partnership, is_published=False)
    EventFactory(title="Elsewhere")
    response = anonymous.get(f"/events/feeds/partnership/{partnership.slug}.ics")
    assert summaries(response) == ["Open"]


def test_an_unpublished_partnership_has_no_feed(anonymous, partnership):
    partnership.is_published = False
    partnership.save()
    assert anonymous.get(f"/events/feeds/partnership/{partnership.slug}.ics").status_code == 404


def test_group_feed_lists_the_groups_published_events(anonymous, partnership, group):
    EventFactory(title="SEND", partnership=partnership, network_group=group)
    EventFactory(title="SEND private", network_group=group, is_published=False)
    EventFactory(title="Other", partnership=partnership)
    response = anonymous.get(f"/events/feeds/group/{partnership.slug}/{group.slug}.ics")
    assert summaries(response) == ["SEND"]


def test_personal_feed_shows_my_events_including_members_only_ones(anonymous, staff):
    token = CalendarFeedToken.objects.create(person=staff.person)
    mine = EventFactory(title="Review day", is_published=False)
    RegistrationFactory(event=mine, person=staff.person)
    EventFactory(title="Not mine")
    response = anonymous.get(f"/events/feeds/person/{token.token}.ics")
    assert summaries(response) == ["Review day"]


def test_regenerating_the_token_revokes_the_old_address(staff, anonymous):
    staff.post("/events/feeds/mine/", {"action": "regenerate"})
    old = CalendarFeedToken.objects.get(person=staff.person).token
    assert anonymous.get(f"/events/feeds/person/{old}.ics").status_code == 200

    response = staff.post("/events/feeds/mine/", {"action": "regenerate"})
    assert response.status_code == 302
    new = CalendarFeedToken.objects.get(person=staff.person).token
    assert new != old and len(new) >= 40
    assert anonymous.get(f"/events/feeds/person/{old}.ics").status_code == 404
    assert anonymous.get(f"/events/feeds/person/{new}.ics").status_code == 200
    assert new in staff.get("/events/feeds/mine/").content.decode()


def test_switching_the_feed_off_stops_it(staff, anonymous):
    staff.post("/events/feeds/mine/", {"action": "regenerate"})
    token = CalendarFeedToken.objects.get(person=staff.person).token
    staff.post("/events/feeds/mine/", {"action": "revoke"})
    assert not CalendarFeedToken.objects.exists()
    assert anonymous.get(f"/events/feeds/person/{token}.ics").status_code == 404


def test_feed_page_needs_sign_in_and_a_profile(anonymous, admin, db):
    response = anonymous.post("/events/feeds/mine/", {"action": "regenerate"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CalendarFeedToken.objects.exists()


def test_feed_page_refuses_other_methods(staff):
    assert staff.put("/events/feeds/mine/").status_code == 405


@pytest.mark.parametrize("rows", [1, 30])
def test_feed_queries_do_not_grow_with_events(
    anonymous, partnership, rows, django_assert_num_queries
):
    """Host schools come with the events (no query per VEVENT): partnership, events."""
    group = NetworkGroupFactory(partnership=partnership)
    for _ in range(rows):
        EventFactory(partnership=partnership, network_group=group, host_school=SchoolFactory())
    with django_assert_num_queries(2):
        response = anonymous.get(f"/events/feeds/partnership/{partnership.slug}.ics")
    assert len(parse(response).walk("VEVENT")) == rows
    with django_assert_num_queries(2):
        anonymous.get(f"/events/feeds/group/{partnership.slug}/{group.slug}.ics")


@pytest.mark.parametrize("rows", [1, 30])
def test_personal_feed_queries_do_not_grow_with_events(
    anonymous, staff, rows, django_assert_num_queries
):
    """The person's events come in one query whatever their number: token, events."""
    token = CalendarFeedToken.objects.create(person=staff.person)
    for _ in range(rows):
        RegistrationFactory(event=EventFactory(host_school=SchoolFactory()), person=staff.person)
    with django_assert_num_queries(2):
        response = anonymous.get(f"/events/feeds/person/{token.token}.ics")
    assert len(parse(response).walk("VEVENT")) == rows


def test_event_page_offers_the_groups_feed(anonymous, partnership, group):
    event = EventFactory(partnership=partnership, network_group=group)
    html = anonymous.get(event.get_absolute_url()).content.decode()
    assert f'href="/events/feeds/group/{partnership.slug}/{group.slug}.ics"' in html
    assert f'href="/events/{event.pk}/event.ics"' in html
