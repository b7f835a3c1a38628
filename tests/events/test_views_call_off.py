"""Cancelling an event (not one's registration): the page stays, marked "Cancelled" with the
reason; the event leaves the "upcoming" lists; everyone invited gets the calendar
cancellation once. Only the organisers may do it."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from notifications import tick
from notifications.models import Kind, Message
from tests.factories import EventFactory, PersonFactory


def url(event) -> str:
    return f"/events/{event.pk}/call-off/"


def test_organiser_cancels_with_a_reason_and_the_page_says_so(coordinator, staff, meeting):
    assert "Cancel this meeting" in coordinator.get(meeting.get_absolute_url()).content.decode()
    response = coordinator.post(url(meeting), {"reason": "Snow: the school is closed."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancelled_by == coordinator.user
    html = staff.get(meeting.get_absolute_url()).content.decode()
    assert "Cancelled" in html and "Snow: the school is closed." in html
    assert "Send my answer" not in html  # nobody answers a cancelled meeting


def test_a_cancelled_event_leaves_the_upcoming_lists(coordinator, anonymous, meeting, group):
    coordinator.post(url(meeting), {"reason": "Snow"})
    assert meeting not in Event.objects.upcoming()
    assert meeting.title not in anonymous.get("/").content.decode()
    assert meeting.title not in anonymous.get("/events/").content.decode()
    assert meeting.title not in anonymous.get(group.get_absolute_url()).content.decode()
    # Its own page is still there.
    assert anonymous.get(meeting.get_absolute_url()).status_code == 200


def test_a_reason_is_required_and_nothing_changes_without_one(coordinator, meeting):
    response = coordinator.post(url(meeting), {"reason": "  "})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_a_past_event_cannot_be_cancelled(coordinator, held):
    response = coordinator.post(url(held), {"reason": "Too late"}, follow=True)
    assert "already taken place" in response.content.decode()
    held.refresh_from_db()
    assert not held.is_cancelled


@pytest.mark.parametrize("persona", ["staff", "head", "outsider", "meeting_chair"])
def test_other_members_cannot_cancel(request, persona, meeting):
    client = request.getfixturevalue(persona)
    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), {"reason": "Mine now"}).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_visitor_is_sent_to_sign_in(anonymous, meeting):
    response = anonymous.post(url(meeting), {"reason": "Snow"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cancelling_one_registration_is_still_its_own_url(staff, event):
    """/cancel/ gives up the user's place; /call-off/ cancels the event."""
    staff.post(f"/events/{event.pk}/register/")
    staff.post(f"/events/{event.pk}/cancel/")
    event.refresh_from_db()
    assert not event.is_cancelled


def test_the_invited_get_the_calendar_cancellation_once_with_the_reason(coordinator, group):
    member = PersonFactory()
    group.members.add(member)
    soon = timezone.now() + datetime.timedelta(days=5)
    meeting = EventFactory(network_group=group, partnership=group.partnership, starts_at=soon)
    tick.run()
    assert Message.objects.filter(kind=Kind.INVITATION, person=member).count() == 1
    coordinator.post(url(meeting), {"reason": "The hall is flooded."})
    tick.run()
    tick.run()
    cancel = Message.objects.get(person=member, calendar_method="CANCEL")
    assert "METHOD:CANCEL" in cancel.calendar and "STATUS:CANCELLED" in cancel.calendar
    assert "The hall is flooded." in cancel.body_text
    # Deleting it afterwards sends nothing more, and no reminder follows.
    meeting.delete()
    tick.run()
    assert Message.objects.filter(person=member, calendar_method="CANCEL").count() == 1
    assert not Message.objects.filter(kind=Kind.REMINDER).exists()


def test_the_events_calendar_file_says_cancelled(coordinator, anonymous, meeting):
    assert "STATUS:CONFIRMED" in anonymous.get(f"/events/{meeting.pk}/event.ics").content.decode()
    coordinator.post(url(meeting), {"reason": "Snow"})
    assert "STATUS:CANCELLED" in anonymous.get(f"/events/{meeting.pk}/event.ics").content.decode()


def test_a_dated_event_list_still_shows_it_marked_cancelled(coordinator, anonymous, meeting):
    coordinator.post(url(meeting), {"reason": "Snow"})
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    html = anonymous.get(f"/events/?date_from={day}&date_to={day}").content.decode()
    assert meeting.title in html and '<span class="badge">Cancelled</span>' in html
