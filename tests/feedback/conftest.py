"""An event held yesterday by `partnership`, with a programme (a keynote alone in its slot,
two parallel workshops) and helpers to mark people attended and give them places."""

import datetime

import pytest
from django.utils import timezone

from events.models import Attendance, EventKind, Registration
from programme.models import Choice, Session, Slot
from tests.conftest import sign_in
from tests.factories import EventFactory, PersonFactory, RegistrationFactory


@pytest.fixture
def held(partnership, school):
    start = (timezone.now() - datetime.timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return EventFactory(
        kind=EventKind.CONFERENCE,
        title="Spring maths conference",
        partnership=partnership,
        host_school=school,
        venue="Abbeyfield Primary School hall",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
    )


@pytest.fixture
def programme(held):
    """The keynote (alone in its slot) and two workshops side by side."""
    start = held.starts_at
    keynote_slot = Slot.objects.create(
        event=held, title="Keynote", starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    workshops = Slot.objects.create(
        event=held,
        title="Workshops",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=2),
    )
    return {
        "keynote": Session.objects.create(
            slot=keynote_slot, kind=Session.Kind.KEYNOTE, title="Mastery for all"
        ),
        "fractions": Session.objects.create(slot=workshops, title="Fractions", room="Room 1"),
        "reasoning": Session.objects.create(slot=workshops, title="Reasoning", room="Room 2"),
    }


def attend(event, person, status=Attendance.Status.ATTENDED):
    RegistrationFactory(event=event, person=person)
    Attendance.objects.create(event=event, person=person, school=person.school, status=status)
    return person


def choose(session, person, status=Choice.Status.CONFIRMED):
    return Choice.objects.create(slot=session.slot, session=session, person=person, status=status)


@pytest.fixture
def attendee(held, school):
    client = sign_in(PersonFactory(school=school, first_name="Ada", last_name="Quill"))
    attend(held, client.person)
    return client


@pytest.fixture
def registered_only(held, school):
    """Registered, but marked absent at the roll call."""
    client = sign_in(PersonFactory(school=school))
    attend(held, client.person, status=Attendance.Status.ABSENT)
    return client


def confirmed(event):
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
