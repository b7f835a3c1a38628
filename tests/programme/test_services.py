"""Choosing sessions: places, waiting lists, one choice per slot, and places freed when a
choice is changed or withdrawn, a registration cancelled or an event called off."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from events.meetings import event_call_off
from events.models import Registration
from events.services import registration_cancel
from programme.models import Choice, Session
from programme.services import (
    ProgrammeError,
    choice_make,
    choice_withdraw,
    choices_release,
    session_delete,
    session_save,
)
from tests.factories import PersonFactory, UserFactory
from tests.programme.conftest import choose, make_conference, make_session, make_slot, register

Status = Choice.Status
pytestmark = pytest.mark.django_db


def _registered(conference, count=1):
    people = PersonFactory.create_batch(count)
    for person in people:
        register(conference, person)
    return people


def test_a_registered_person_gets_a_place_while_there_are_places(conference, small):
    first, second, third = _registered(conference, 3)
    assert choice_make(person=first, session=small).status == Status.CONFIRMED
    assert choice_make(person=second, session=small).status == Status.CONFIRMED
    assert choice_make(person=third, session=small).status == Status.WAITLISTED


def test_a_session_without_capacity_never_fills(conference, keynote):
    people = _registered(conference, 5)
    statuses = {choice_make(person=p, session=keynote).status for p in people}
    assert statuses == {Status.CONFIRMED}


def test_choosing_needs_a_confirmed_registration(conference, small):
    person = PersonFactory()
    with pytest.raises(ProgrammeError) as error:
        choice_make(person=person, session=small)
    assert error.value.code == "not_registered"
    register(conference, person, status=Registration.Status.WAITLISTED)
    with pytest.raises(ProgrammeError) as error:
        choice_make(person=person, session=small)
    assert "Register for the event" in error.value.message
    assert not Choice.objects.exists()


def test_a_past_event_takes_no_choices():
    past = make_conference(days_ahead=-3)
    session = make_session(make_slot(past, hour=10), title="Old")
    (person,) = _registered(past)
    with pytest.raises(ProgrammeError) as error:
        choice_make(person=person, session=session)
    assert error.value.code == "past"


def test_a_cancelled_event_takes_no_choices(conference, small):
    (person,) = _registered(conference)
    event_call_off(event=conference, user=UserFactory(), reason="Snow")
    with pytest.raises(ProgrammeError) as error:
        choice_make(person=person, session=small)
    assert error.value.code == "cancelled"


def test_changing_session_frees_the_place_for_the_first_waiting(conference, small, large):
    first, second, waiting, later = _registered(conference, 4)
    choice_make(person=first, session=small)
    choice_make(person=second, session=small)
    choice_make(person=waiting, session=small)
    choice_make(person=later, session=small)
    changed = choice_make(person=first, session=large)
    assert changed.status == Status.CONFIRMED
    assert Choice.objects.filter(person=first).count() == 1  # one per slot
    assert Choice.objects.get(person=waiting).status == Status.CONFIRMED
    assert Choice.objects.get(person=later).status == Status.WAITLISTED


def test_choosing_the_same_session_again_changes_nothing(conference, small):
    first, second, third = _registered(conference, 3)
    choice_make(person=first, session=small)
    choice_make(person=second, session=small)
    waiting = choice_make(person=third, session=small)
    again = choice_make(person=third, session=small)
    assert again.pk == waiting.pk and again.status == Status.WAITLISTED


def test_withdrawing_promotes_the_next_waiting(conference, small):
    first, second, third = _registered(conference, 3)
    for person in (first, second, third):
        choice_make(person=person, session=small)
    choice_withdraw(person=first, slot=small.slot)
    assert not Choice.objects.filter(person=first).exists()
    assert Choice.objects.get(person=third).status == Status.CONFIRMED


def test_withdrawing_from_the_waiting_list_promotes_nobody(conference, small):
    people = _registered(conference, 4)
    for person in people:
        choice_make(person=person, session=small)
    choice_withdraw(person=people[2], slot=small.slot)
    assert Choice.objects.get(person=people[3]).status == Status.WAITLISTED


def test_withdrawing_without_a_choice_is_refused(conference, small):
    (person,) = _registered(conference)
    with pytest.raises(ProgrammeError) as error:
        choice_withdraw(person=person, slot=small.slot)
    assert error.value.code == "no_choice"


def test_cancelling_the_registration_releases_the_choices(conference, small, keynote):
    first, second, third = _registered(conference, 3)
    for person in (first, second, third):
        choice_make(person=person, session=small)
    choice_make(person=first, session=keynote)
    registration_cancel(event=conference, person=first)
    assert not Choice.objects.filter(person=first).exists()
    assert Choice.objects.get(person=third).status == Status.CONFIRMED


def test_release_without_choices_is_harmless(conference):
    (person,) = _registered(conference)
    assert choices_release(event=conference, person=person) == 0


def test_calling_off_the_event_drops_every_choice(conference, small):
    people = _registered(conference, 3)
    for person in people:
        choice_make(person=person, session=small)
    event_call_off(event=conference, user=UserFactory(), reason="Snow")
    assert not Choice.objects.filter(slot__event=conference).exists()


def test_raising_the_capacity_lets_waiting_people_in(conference, small):
    people = _registered(conference, 4)
    for person in people:
        choice_make(person=person, session=small)
    small.capacity = 3
    session_save(session=small)
    statuses = list(Choice.objects.filter(session=small).values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == 3 and statuses.count(Status.WAITLISTED) == 1


def test_a_chosen_session_cannot_be_deleted(conference, small, large):
    (person,) = _registered(conference)
    choose(small, person)
    with pytest.raises(ProgrammeError):
        session_delete(session=small)
    session_delete(session=large)
    assert not Session.objects.filter(pk=large.pk).exists()


def test_a_break_is_not_chosen(conference, workshop_slot):
    lunch = make_session(workshop_slot, title="Lunch", kind=Session.Kind.BREAK)
    (person,) = _registered(conference)
    with pytest.raises(ProgrammeError) as error:
        choice_make(person=person, session=lunch)
    assert error.value.code == "break"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks: runs on PostgreSQL in CI"
)
@pytest.mark.django_db(transaction=True)
def test_people_choosing_at_once_never_overbook_nor_wait_beside_a_free_place(partnership):
    """Each thread has its own database connection; the barrier starts them together. Some
    choose the small workshop, some move from it to the large one, some withdraw."""
    for round_number in range(3):
        conference = make_conference(title=f"Round {round_number}")
        slot = make_slot(conference, hour=11)
        small = make_session(slot, title="Small", capacity=2)
        large = make_session(slot, title="Large", capacity=3)
        holders = PersonFactory.create_batch(2)
        contenders = PersonFactory.create_batch(6)
        for person in holders + contenders:
            register(conference, person)
        for person in holders:
            choice_make(person=person, session=small)
        actions = [(p, "choose_small") for p in contenders[:4]]
        actions += [(contenders[4], "choose_large"), (contenders[5], "choose_large")]
        actions += [(holders[0], "choose_large"), (holders[1], "withdraw")]
        barrier = threading.Barrier(len(actions))
        errors = []

        def act(person, what, barrier=barrier, errors=errors, small=small, large=large):
            try:
                barrier.wait(timeout=10)
                if what == "choose_small":
                    choice_make(person=person, session=small)
                elif what == "choose_large":
                    choice_make(person=person, session=large)
                else:
                    choice_withdraw(person=person, slot=small.slot)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=act, args=action) for action in actions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert errors == []
        for session in (small, large):
            confirmed = Choice.objects.filter(session=session, status=Status.CONFIRMED).count()
            waiting = Choice.objects.filter(session=session, status=Status.WAITLISTED).count()
            assert confirmed <= session.capacity
            assert waiting == 0 or confirmed == session.capacity
        assert Choice.objects.filter(slot=slot).count() == 7  # one withdrew
