"""iCal: a file per event, public feeds per partnership and group, a private personal feed."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.models import CalendarFeedToken, Event
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
    assert (
        f'href="webcal://testserver/events/feeds/group/{partnership.slug}/{group.slug}.ics"' in html
    )
    assert f'href="/events/{event.pk}/event.ics"' in html


# The same event in every calendar, in the right time in every year ---------------------------


def uids(response) -> list[str]:
    return [str(vevent["uid"]) for vevent in parse(response).walk("VEVENT")]


def test_an_events_uid_does_not_depend_on_the_host_name(anonymous, partnership, event):
    """A UID with the request's host made one event reached under two names two events."""
    feed = f"/events/feeds/partnership/{partnership.slug}.ics"
    under_one = uids(anonymous.get(feed, HTTP_HOST="127.0.0.1"))
    under_another = uids(anonymous.get(feed, HTTP_HOST="localhost"))
    in_its_file = uids(anonymous.get(f"/events/{event.pk}/event.ics", HTTP_HOST="localhost"))
    assert under_one == under_another == in_its_file == [str(event.uid)]


def test_an_events_sequence_grows_when_it_changes(anonymous, event):
    def sequence() -> int:
        (vevent,) = parse(anonymous.get(f"/events/{event.pk}/event.ics")).walk("VEVENT")
        return int(vevent["sequence"])

    an_hour_ago = event.created_at - datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(created_at=an_hour_ago, updated_at=an_hour_ago)
    before = sequence()
    event.refresh_from_db()
    event.title = "Maths network meeting (moved)"
    event.save()
    assert sequence() > before


def test_every_event_gets_its_own_uid_and_keeps_it(event, partnership):
    other = EventFactory(partnership=partnership)
    assert event.uid != other.uid
    before = event.uid
    event.save()
    event.refresh_from_db()
    assert event.uid == before


def _last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


@pytest.mark.parametrize("year", [1999, 2019, 2026, 2031, 2045])
def test_the_time_zone_is_right_for_every_events_year(anonymous, partnership, year):
    """Read by a second library (vobject, which uses the feed's own VTIMEZONE, where icalendar
    looks the name up): summer time starts at 01:00 GMT on the last Sunday of March and ends
    at 01:00 GMT on the last Sunday of October, in any year an event falls in."""
    import vobject

    utc = datetime.UTC
    summer = datetime.datetime(year, 7, 1, 9, 30, tzinfo=LONDON)
    event = EventFactory(
        partnership=partnership,
        title=f"Summer {year}",
        starts_at=summer,
        ends_at=summer + datetime.timedelta(hours=2),
    )
    response = anonymous.get(f"/events/{event.pk}/event.ics")
    (calendar,) = vobject.readComponents(response.content.decode())
    by_title = {vevent.summary.value: vevent for vevent in calendar.vevent_list}
    start = by_title[f"Summer {year}"].dtstart.value
    assert start.astimezone(utc) == summer.astimezone(utc)
    tz = start.tzinfo
    march, october = _last_sunday(year, 3), _last_sunday(year, 10)
    for day, before, after in ((march, 0, 1), (october, 1, 0)):
        change = datetime.datetime.combine(day, datetime.time(1), tzinfo=utc)
        for moment, hours in ((change - datetime.timedelta(minutes=1), before), (change, after)):
            assert moment.astimezone(tz).utcoffset() == datetime.timedelta(hours=hours), moment
            assert moment.astimezone(LONDON).utcoffset() == datetime.timedelta(hours=hours)
    # And icalendar reads the same instant.
    (vevent,) = [v for v in parse(response).walk("VEVENT") if str(v["summary"]) == f"Summer {year}"]
    assert vevent.decoded("dtstart") == summer
    assert len(parse(response).walk("VTIMEZONE")) == 1
