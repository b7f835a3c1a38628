""" "I'm going" and "Send apologies" from the invitation's own links, without signing in."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Event, EventKind, Registration, Rsvp
from notifications import tick
from notifications.delivery import deliver_due
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory
from tests.notifications.conftest import parts

pytestmark = pytest.mark.django_db


def _invite(smtp, **kind):
    group = NetworkGroupFactory()
    person = PersonFactory()
    group.members.add(person)
    event = EventFactory(network_group=group, capacity=10, **kind)
    tick.queue_invitations(event.starts_at.replace(year=event.starts_at.year - 1))
    deliver_due(owner="test")
    text = parts(smtp.messages[0])["text/plain"]
    going = re.search(r"Going\? https://portal\.example\.org(\S+)", text).group(1)
    apologies = re.search(r"Sending apologies\? https://portal\.example\.org(\S+)", text).group(1)
    return person, event, going, apologies


@pytest.fixture
def invited(smtp):
    """A group's training day: it has places, so the links register and give places up."""
    return _invite(smtp, kind=EventKind.CPD)


@pytest.fixture
def invited_to_meeting(smtp):
    return _invite(smtp, kind=EventKind.NETWORK_MEETING)


def test_a_meetings_links_write_the_answer_and_apologies_carry_a_reason(invited_to_meeting):
    person, event, going, apologies = invited_to_meeting
    client = Client()
    assert b"I'm going" in client.get(going).content
    assert not Rsvp.objects.exists()  # opening the link changes nothing
    assert b"you are down as going" in client.post(going).content
    assert Rsvp.objects.get(person=person, event=event).answer == "going"
    page = client.get(apologies).content.decode()
    assert 'name="reason"' in page
    response = client.post(apologies, {"reason": "Year 6 residential"})
    assert b"Your apologies are sent to the chair" in response.content
    rsvp = Rsvp.objects.get(person=person, event=event)  # one answer, replaced
    assert (rsvp.answer, rsvp.reason) == ("apologies", "Year 6 residential")
    assert not Registration.objects.exists()


def test_a_cancelled_meetings_link_records_nothing(invited_to_meeting):
    person, event, going, _ = invited_to_meeting
    Event.objects.filter(pk=event.pk).update(cancelled_at=timezone.now())
    response = Client().post(going)
    assert b"This meeting has been cancelled" in response.content
    assert not Rsvp.objects.exists()


def test_going_registers_the_person_and_apologies_give_the_place_up(invited):
    person, event, going, apologies = invited
    client = Client()
    assert b"I'm going" in client.get(going).content
    assert not Registration.objects.exists()  # opening the link changes nothing
    response = client.post(going)
    assert b"you are registered (confirmed)" in response.content
    assert Registration.objects.get(person=person, event=event).status == "confirmed"
    response = client.post(apologies)
    assert b"Your apologies are noted" in response.content
    assert Registration.objects.get(person=person, event=event).status == "cancelled"


def test_a_forged_link_is_refused(invited):
    _, _, going, _ = invited
    assert Client().post(going[:-5] + "xxxx/").status_code == 404
    assert not Registration.objects.exists()
