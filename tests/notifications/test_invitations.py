"""A meeting of a group reaches its members as e-mail with a calendar invitation, through a
real SMTP server: both parts, the unsubscribe headers, and an iCalendar REQUEST with the
same UID as the portal's feeds; a change sends an update, a deletion a CANCEL."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.utils import timezone

from events.ical import calendar_identity
from events.models import Event
from notifications import tick
from notifications.delivery import deliver_due
from notifications.models import Message, State
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory, SchoolFactory
from tests.notifications.conftest import attachment, parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    school = SchoolFactory(name="Hillcrest Primary School")
    group = NetworkGroupFactory(name="Maths network")
    members = PersonFactory.create_batch(2, school=school)
    group.members.add(*members)
    event = EventFactory(
        title="Maths network meeting",
        network_group=group,
        partnership=group.partnership,
        host_school=school,
        venue="Library",
        starts_at=timezone.now() + datetime.timedelta(days=20),
    )
    return event, members


def _send():
    tick.run()
    deliver_due(owner="test")


def _calendar(message) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(attachment(message, "invite.ics"))


def test_a_new_group_meeting_invites_each_member_with_a_calendar_request(smtp, meeting):
    event, members = meeting
    _send()
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in members)
    received = smtp.to(members[0].email)[0]
    assert received["Subject"].startswith("Invitation: Maths network meeting")
    body = parts(received)
    assert "You are invited to a meeting of the Maths network" in body["text/plain"]
    assert "Library, Hillcrest Primary School" in body["text/plain"]
    assert "I&#x27;m going" in body["text/html"] or "I'm going" in body["text/html"]
    assert 'method="REQUEST"' in str(received) or "method=REQUEST" in str(received)
    calendar = _calendar(received)
    assert str(calendar["method"]) == "REQUEST"
    vevent = next(iter(calendar.walk("VEVENT")))
    uid, sequence = calendar_identity(event)
    assert str(vevent["uid"]) == uid
    assert int(vevent["sequence"]) == sequence
    attendee = vevent["attendee"]
    assert str(attendee) == f"mailto:{members[0].email}"
    assert attendee.params["RSVP"] == "FALSE"
    # Nobody else's address travels in this person's invitation.
    assert members[1].email not in str(received)


def test_every_message_carries_one_click_unsubscribe_and_a_stable_message_id(smtp, meeting):
    _send()
    received = smtp.messages[0]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = received["List-Unsubscribe"].strip()  # a long header is folded onto its own line
    assert url.startswith("<https://portal.example.org/notifications/unsubscribe/")
    row = Message.objects.get(message_id=received["Message-ID"])
    assert row.state == State.SENT and row.sent_at is not None
    assert "https://portal.example.org/notifications/settings/" in parts(received)["text/plain"]


def test_a_moved_meeting_sends_a_changed_invitation_with_a_higher_sequence(smtp, meeting):
    event, members = meeting
    _send()
    first = _calendar(smtp.to(members[0].email)[0])
    # Planned an hour ago: the sequence counts the seconds since (events.ical).
    Event.objects.filter(pk=event.pk).update(
        created_at=event.created_at - datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    event.starts_at += datetime.timedelta(days=1, seconds=5)
    event.ends_at += datetime.timedelta(days=1, seconds=5)
    event.save()
    _send()
    inbox = smtp.to(members[0].email)
    assert len(inbox) == 2
    assert inbox[1]["Subject"].startswith("Changed: Maths network meeting")
    second = _calendar(inbox[1])
    old, new = (next(iter(c.walk("VEVENT"))) for c in (first, second))
    assert str(new["uid"]) == str(old["uid"])
    assert int(new["sequence"]) > int(old["sequence"])
    # Running the pass again sends nothing new.
    _send()
    assert len(smtp.to(members[0].email)) == 2


def test_a_deleted_meeting_still_to_come_is_cancelled_in_every_calendar(smtp, meeting):
    event, members = meeting
    _send()
    uid, _ = calendar_identity(event)
    event.delete()
    _send()
    for person in members:
        cancel = smtp.to(person.email)[-1]
        assert cancel["Subject"] == "Cancelled: Maths network meeting"
        calendar = _calendar(cancel)
        assert str(calendar["method"]) == "CANCEL"
        vevent = next(iter(calendar.walk("VEVENT")))
        assert str(vevent["uid"]) == uid
        assert str(vevent["status"]) == "CANCELLED"
    _send()
    assert len(smtp.messages) == 4  # two invitations, two cancellations, nothing more


def test_erased_people_and_people_who_left_get_nothing(smtp, meeting):
    event, members = meeting
    from people.services import person_erase

    left = members[1]
    from tests.factories import UserFactory

    left.user = UserFactory(email=left.email, is_active=False)
    left.save()
    erased = PersonFactory(school=members[0].school)
    event.network_group.members.add(erased)
    person_erase(person=erased, by=None)
    _send()
    assert [m["To"] for m in smtp.messages] == [members[0].email]


def test_a_moved_then_deleted_meeting_is_cancelled_at_its_last_time_once(smtp, meeting):
    event, members = meeting
    _send()
    Event.objects.filter(pk=event.pk).update(
        created_at=event.created_at - datetime.timedelta(hours=1)
    )
    event.refresh_from_db()
    event.starts_at += datetime.timedelta(days=2)
    event.ends_at += datetime.timedelta(days=2)
    event.save()
    _send()
    moved = next(iter(_calendar(smtp.to(members[0].email)[-1]).walk("VEVENT")))
    event.delete()
    _send()
    _send()
    inbox = smtp.to(members[0].email)
    assert [m["Subject"].split(":")[0] for m in inbox] == ["Invitation", "Changed", "Cancelled"]
    cancel = next(iter(_calendar(inbox[-1]).walk("VEVENT")))
    assert cancel.decoded("dtstart") == moved.decoded("dtstart")
    assert int(cancel["sequence"]) > int(moved["sequence"])
