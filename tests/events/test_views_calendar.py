"""The month view: a Monday-first grid of the filtered events, with queries that stay flat."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import EventFactory, SchoolFactory

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int = 16, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=LONDON)


def day_events(response, date: datetime.date) -> list[str]:
    for week in response.context["weeks"]:
        for day in week:
            if day.date == date:
                return [e.title for e in day.events]
    raise AssertionError(f"{date} is not in the grid")


def test_month_view_puts_events_on_their_days(anonymous, db):
    EventFactory(title="Moderation", starts_at=at(17))
    EventFactory(title="Conference", starts_at=at(18, 9), ends_at=at(19, 17))
    EventFactory(title="December", starts_at=at(2, month=12))
    response = anonymous.get("/events/calendar/?month=2026-11")
    assert response.status_code == 200
    assert day_events(response, datetime.date(2026, 11, 17)) == ["Moderation"]
    assert day_events(response, datetime.date(2026, 11, 19)) == ["Conference"]
    html = response.content.decode()
    assert "Events in November 2026" in html
    assert 'role="status">2 events in November 2026' in html
    # Each day is labelled in full for screen readers, each event by its UK start time.
    assert (
        '<time datetime="2026-11-17"><span class="day-name">Tuesday </span>17'
        '<span class="day-name"> November</span></time>'
    ) in html
    assert ">16:00 Moderation</a>" in html
    assert response.context["weeks"][0][0].date == datetime.date(2026, 10, 26)  # a Monday


def test_an_evening_event_shows_on_its_uk_date(anonymous, db):
    # 23:30 in London in summer is 22:30 UTC: the grid uses the UK date.
    EventFactory(title="Late", starts_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=LONDON))
    response = anonymous.get("/events/calendar/?month=2026-06")
    assert day_events(response, datetime.date(2026, 6, 30)) == ["Late"]
    assert ">23:30 Late</a>" in response.content.decode()


def test_month_links_keep_the_filters(anonymous, db):
    html = anonymous.get("/events/calendar/?month=2026-11&kind=cpd").content.decode()
    assert 'href="?month=2026-12&amp;kind=cpd"' in html
    assert 'href="?month=2026-10&amp;kind=cpd"' in html
    assert 'href="/events/?kind=cpd"' in html  # the switch to the list view


def test_no_month_shows_this_month(anonymous, db):
    response = anonymous.get("/events/calendar/")
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("month", ["banana", "2026-13", "0001-01", "1899-12", "2200-01", "9999-12"])
def test_a_month_the_calendar_cannot_show_is_explained(anonymous, db, settings, month):
    settings.DEBUG = False  # the portal's own 400 page, not Django's debugging one
    response = anonymous.get("/events/calendar/", {"month": month})
    assert response.status_code == 400
    assert "Choose a month as year and month" in response.content.decode()
    assert "between January 1900 and December 2199" in response.content.decode()


def test_the_calendar_links_no_month_it_would_refuse(anonymous, db):
    first = anonymous.get("/events/calendar/?month=1900-01").content.decode()
    assert 'rel="prev"' not in first
    assert "?month=1900-02" in first
    last = anonymous.get("/events/calendar/?month=2199-12").content.decode()
    assert 'rel="next"' not in last
    assert "?month=2199-11" in last


def test_an_empty_month_says_so(anonymous, db):
    html = anonymous.get("/events/calendar/?month=2026-11").content.decode()
    assert "No events in November 2026" in html


@pytest.mark.parametrize("rows", [1, 30])
def test_month_queries_do_not_grow_with_events(anonymous, db, rows, django_assert_num_queries):
    """No query per event: the month's events ranked by day, then those shown, and nothing
    else (the filters are text boxes, not menus filled by queries)."""
    for i in range(rows):
        EventFactory(starts_at=at(1 + i % 28), host_school=SchoolFactory())
    with django_assert_num_queries(2):
        response = anonymous.get("/events/calendar/?month=2026-11")
    assert len(response.context["events_in_month"]) == rows


def test_a_busy_day_shows_its_first_events_and_links_to_the_rest(anonymous, db):
    for hour in range(9, 16):
        EventFactory(title=f"Meeting at {hour}", starts_at=at(17, hour), ends_at=at(17, hour + 1))
    EventFactory(title="Next day", starts_at=at(18, 9), ends_at=at(18, 10))
    response = anonymous.get("/events/calendar/?month=2026-11&kind=")
    assert day_events(response, datetime.date(2026, 11, 17)) == [
        "Meeting at 9",
        "Meeting at 10",
        "Meeting at 11",
        "Meeting at 12",
    ]
    html = " ".join(response.content.decode().split())
    assert '3 more<span class="visually-hidden"> on 17 November</span>' in html
    assert "/events/?date_from=2026-11-17&amp;date_to=2026-11-17" in html
    assert "8 events in November 2026" in html
    # The link lists that day's events, all of them.
    listed = anonymous.get("/events/?date_from=2026-11-17&date_to=2026-11-17")
    assert len(listed.context["page_obj"]) == 7
