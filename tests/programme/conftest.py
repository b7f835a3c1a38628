"""A conference with a programme: `conference` belongs to `partnership` (coordinated by the
`coordinator` persona) and is hosted by `school`. It has a keynote slot and a workshop slot
of two parallel workshops, one with two places."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from events.models import EventKind, Registration
from programme.models import Choice, Session, Slot
from tests.factories import EventFactory, RegistrationFactory


def make_conference(*, days_ahead: int = 20, **fields):
    """A one-day conference from 09:00 to 16:00 (UTC), `days_ahead` days from now."""
    starts = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    values = {
        "title": "Joint conference",
        "kind": EventKind.CONFERENCE,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=7),
        **fields,
    }
    return EventFactory(**values)


def make_slot(event, *, hour: int, title: str = "", hours: int = 1) -> Slot:
    starts = event.starts_at.replace(hour=hour)
    return Slot.objects.create(
        event=event, title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=hours)
    )


def make_session(slot, *, title: str, capacity=None, kind=Session.Kind.WORKSHOP, **fields):
    return Session.objects.create(slot=slot, title=title, capacity=capacity, kind=kind, **fields)


def register(event, person, status=Registration.Status.CONFIRMED):
    return RegistrationFactory(event=event, person=person, status=status)


def choose(session, person, status=Choice.Status.CONFIRMED) -> Choice:
    return Choice.objects.create(slot=session.slot, session=session, person=person, status=status)


@pytest.fixture
def conference(partnership, school):
    return make_conference(partnership=partnership, host_school=school)


@pytest.fixture
def keynote_slot(conference):
    return make_slot(conference, hour=9, title="Opening keynote")


@pytest.fixture
def keynote(keynote_slot):
    return make_session(keynote_slot, title="Why we read", kind=Session.Kind.KEYNOTE)


@pytest.fixture
def workshop_slot(conference):
    return make_slot(conference, hour=11, title="Workshops 1")


@pytest.fixture
def small(workshop_slot):
    """A workshop with two places."""
    return make_session(workshop_slot, title="Phonics in practice", capacity=2, room="Hall")


@pytest.fixture
def large(workshop_slot):
    return make_session(workshop_slot, title="Maths mastery", capacity=30, room="Library")
