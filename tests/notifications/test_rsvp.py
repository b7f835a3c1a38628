""" "I'm going" and "Send apologies" from the invitation's own links, without signing in."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from events.models import Registration
from notifications import tick
from notifications.delivery import deliver_due
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory
from tests.notifications.conftest import parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(smtp):
    group = NetworkGroupFactory()
    person = PersonFactory()
    group.members.add(person)
    event = EventFactory(network_group=group, capacity=10)
    tick.queue_invitations(event.starts_at.replace(year=event.starts_at.year - 1))
    deliver_due(owner="test")
    text = parts(smtp.messages[0])["text/plain"]
    going = re.search(r"Going\? https://portal\.example\.org(\S+)", text).group(1)
    apologies = re.search(r"Sending apologies\? https://portal\.example\.org(\S+)", text).group(1)
    return person, event, going, apologies


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
