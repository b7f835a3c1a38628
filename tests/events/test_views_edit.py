"""Organisers create and edit events; everyone else gets 403 and nothing changes."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

FORM = {
    "title": "Spring moderation",
    "kind": "moderation",
    "starts_at": "2027-03-09T15:45",
    "ends_at": "2027-03-09T17:15",
    "venue": "Main hall",
    "capacity": "",
    "description": "",
    "agenda": "1. Samples",
    "is_published": "on",
}


def form_for(partnership=None, group=None, **changes) -> dict:
    data = {**FORM, **changes}
    if partnership is not None:
        data["partnership"] = partnership.pk
    if group is not None:
        data["network_group"] = group.pk
    return data


# Create ----------------------------------------------------------------------------------


def test_coordinator_creates_an_event_for_their_partnership(coordinator, partnership):
    response = coordinator.post("/events/new/", form_for(partnership))
    event = Event.objects.get(title="Spring moderation")
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.partnership == partnership
    assert event.created_by == coordinator.user
    # Typed in UK time, stored as that moment.
    assert event.starts_at == datetime.datetime(2027, 3, 9, 15, 45, tzinfo=datetime.UTC)


def test_group_chair_creates_an_event_for_their_group(group_chair, group):
    response = group_chair.post("/events/new/", form_for(group=group))
    assert response.status_code == 302
    event = Event.objects.get(title="Spring moderation")
    assert event.network_group == group and event.partnership == group.partnership


def test_admin_creates_an_event(admin, partnership):
    assert admin.post("/events/new/", form_for(partnership)).status_code == 302
    assert Event.objects.filter(title="Spring moderation").exists()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_non_organisers_cannot_create_events(request, persona, partnership):
    client = request.getfixturevalue(persona)
    assert client.get("/events/new/").status_code == 403
    assert client.post("/events/new/", form_for(partnership)).status_code == 403
    assert not Event.objects.exists()


def test_group_chair_cannot_create_an_event_for_another_partnership(group_chair, group):
    from tests.factories import PartnershipFactory

    other = PartnershipFactory()
    response = group_chair.post("/events/new/", form_for(other))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_anonymous_is_sent_to_sign_in_to_create(anonymous, partnership):
    response = anonymous.post("/events/new/", form_for(partnership))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Event.objects.exists()


def test_create_refuses_other_methods(coordinator):
    assert coordinator.put("/events/new/").status_code == 405
    assert coordinator.delete("/events/new/").status_code == 405


def test_an_end_before_the_start_is_refused_next_to_the_field(coordinator, partnership):
    data = form_for(partnership, ends_at="2027-03-09T15:00")
    response = coordinator.post("/events/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The end must be after the start." in html
    assert 'href="#id_ends_at"' in html  # the summary links to the field
    assert not Event.objects.exists()


def test_an_event_longer_than_two_weeks_is_refused_next_to_the_field(coordinator, partnership):
    data = form_for(partnership, ends_at="2027-03-24T17:15")
    response = coordinator.post("/events/new/", data)
    assert response.status_code == 400
    assert "An event lasts at most 14 days" in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_under_way_is_still_upcoming_and_in_this_month(anonymous, partnership):
    """Upcoming and month views read the start-time index from a bounded point: an event that
    started days ago and has not ended must still show."""
    now = timezone.now()
    EventFactory(
        title="Residential",
        partnership=partnership,
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=1),
    )
    EventFactory(
        title="Long over",
        partnership=partnership,
        starts_at=now - datetime.timedelta(days=20),
        ends_at=now - datetime.timedelta(days=19),
    )
    assert [e.title for e in Event.objects.upcoming()] == ["Residential"]
    assert [e.title for e in Event.objects.past()] == ["Long over"]
    html = anonymous.get("/events/").content.decode()
    assert "Residential" in html and "Long over" not in html


def test_an_event_for_nothing_is_refused(coordinator):
    response = coordinator.post("/events/new/", form_for())
    assert response.status_code == 400
    assert "Choose the partnership or network group" in response.content.decode()


def test_the_chair_cannot_also_take_the_minutes(coordinator, partnership, school):
    person = PersonFactory(school=school)
    data = form_for(partnership, chair=person.pk, minute_taker=person.pk)
    response = coordinator.post("/events/new/", data)
    assert response.status_code == 400
    assert "Someone other than the chair takes the minutes." in response.content.decode()


def test_a_garbled_date_gets_a_message_not_an_error_page(coordinator, partnership):
    response = coordinator.post("/events/new/", form_for(partnership, starts_at="tomorrow"))
    assert response.status_code == 400
    assert (
        "Enter a real date and time for “Starts”, e.g. 14/09/2026 09:30."
        in response.content.decode()
    )


# Edit ------------------------------------------------------------------------------------


def test_coordinator_edits_an_event(coordinator, event, partnership):
    response = coordinator.post(f"/events/{event.pk}/edit/", form_for(partnership))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Spring moderation"


def test_raising_the_capacity_gives_places_to_people_waiting(coordinator, event, partnership):
    event.capacity = 1
    event.save()
    RegistrationFactory(event=event, status="confirmed")
    waiting = RegistrationFactory(event=event, status="waitlisted")
    coordinator.post(f"/events/{event.pk}/edit/", form_for(partnership, capacity="2"))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


@pytest.mark.parametrize("persona", ["staff", "head", "editor", "outsider"])
def test_non_organisers_cannot_edit_an_event(request, persona, event, partnership):
    client = request.getfixturevalue(persona)
    assert client.get(f"/events/{event.pk}/edit/").status_code == 403
    response = client.post(f"/events/{event.pk}/edit/", form_for(partnership))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Maths network meeting"


def test_group_chair_edits_only_their_groups_events(group_chair, group, partnership):
    theirs = EventFactory(network_group=group, partnership=partnership)
    others = EventFactory(partnership=partnership)
    assert group_chair.get(f"/events/{theirs.pk}/edit/").status_code == 200
    assert group_chair.get(f"/events/{others.pk}/edit/").status_code == 403


def test_anonymous_is_sent_to_sign_in_to_edit(anonymous, event):
    response = anonymous.get(f"/events/{event.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unpublished_event_is_not_found_by_the_public(anonymous, event):
    event.is_published = False
    event.save()
    assert anonymous.get(event.get_absolute_url()).status_code == 404
    assert anonymous.get(f"/events/{event.pk}/event.ics").status_code == 404


def test_edit_refuses_other_methods(coordinator, event):
    assert coordinator.put(f"/events/{event.pk}/edit/").status_code == 405
    assert coordinator.delete(f"/events/{event.pk}/edit/").status_code == 405
    assert Event.objects.filter(pk=event.pk).exists()
