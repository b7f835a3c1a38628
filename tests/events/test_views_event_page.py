"""The event page and the month view as users read them: subscribe links a calendar app
takes, one spelling of "minute-taker", no missing minutes before a meeting, past days
marked, and dates that do not fight the month navigation."""

import datetime
import re

from django.utils import timezone

from events.forms import EventForm
from events.forms_rota import RotaRowForm
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory


def test_subscribe_links_are_webcal_for_a_calendar_app(anonymous, partnership):
    event = EventFactory(partnership=partnership)
    html = anonymous.get(event.get_absolute_url()).content.decode()
    assert f'href="webcal://testserver/events/feeds/partnership/{partnership.slug}.ics"' in html
    group = NetworkGroupFactory(partnership=partnership)
    event = EventFactory(partnership=partnership, network_group=group)
    html = anonymous.get(event.get_absolute_url()).content.decode()
    feed = f"webcal://testserver/events/feeds/group/{partnership.slug}/{group.slug}.ics"
    assert f'href="{feed}"' in html
    html = anonymous.get(f"/events/?partnership={partnership.slug}").content.decode()
    assert f'href="webcal://testserver/events/feeds/partnership/{partnership.slug}.ics"' in html
    assert 'href="/events/feeds/' not in html


def test_my_feed_offers_a_webcal_subscription(staff):
    staff.post("/events/feeds/mine/", {"action": "regenerate"})
    html = staff.get("/events/feeds/mine/").content.decode()
    assert re.search(r'href="webcal://testserver/events/feeds/person/[^"]+\.ics"', html)


def test_minute_taker_is_spelt_one_way(coordinator, school):
    person = PersonFactory(school=school)
    event = EventFactory(minute_taker=person, chair=PersonFactory(school=school))
    html = coordinator.get(event.get_absolute_url()).content.decode()
    assert "Minute-taker" in html and "Minute taker" not in html
    assert EventForm(user=coordinator.user)["minute_taker"].label == "Minute-taker"
    assert RotaRowForm.base_fields["minute_taker"].label == "Minute-taker"


def test_a_future_event_does_not_say_its_minutes_are_missing(staff):
    soon = timezone.now() + datetime.timedelta(days=7)
    event = EventFactory(starts_at=soon, ends_at=soon + datetime.timedelta(hours=2))
    html = staff.get(event.get_absolute_url()).content.decode()
    assert "No minutes yet" not in html
    assert 'id="minutes-title"' not in html
    past = timezone.now() - datetime.timedelta(days=7)
    event = EventFactory(starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    html = staff.get(event.get_absolute_url()).content.decode()
    assert "No minutes yet" in html


def test_the_month_view_marks_past_days(anonymous, db):
    today = timezone.localdate()
    response = anonymous.get(f"/events/calendar/?month={today:%Y-%m}")
    days = [day for week in response.context["weeks"] for day in week]
    assert all(day.is_past == (day.date < today) for day in days)
    html = response.content.decode()
    if today.day > 1:
        assert html.count(' past"') + html.count(" past ") > 0
        assert "(past)" in html
    cell = re.search(r'<td class="([^"]*)"[^>]*aria-current="date"', html)
    assert cell and "past" not in cell.group(1)


def test_the_month_view_has_no_from_and_to_to_fight_its_navigation(anonymous, db):
    EventFactory(title="Later", starts_at=datetime.datetime(2026, 12, 2, 16, tzinfo=datetime.UTC))
    url = "/events/calendar/?month=2026-12&date_from=2026-11-01&date_to=2026-11-30&kind="
    response = anonymous.get(url)
    html = response.content.decode()
    assert 'name="date_from"' not in html and 'name="date_to"' not in html
    # The chosen month shows its events whatever dates the list had; the links drop them.
    assert [e.title for e in response.context["events_in_month"]] == ["Later"]
    assert "date_from" not in response.context["filter_query"]
    # Switching from a dated list opens the month of its "From" date.
    response = anonymous.get("/events/calendar/?date_from=2026-12-05")
    assert response.context["month"] == datetime.date(2026, 12, 1)
