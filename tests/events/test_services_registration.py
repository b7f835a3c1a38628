"""Registering and cancelling: places, the waiting list, and two people at once."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from events.models import Registration
from events.services import EventError, registration_cancel, registration_create
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

Status = Registration.Status


@pytest.mark.django_db
def test_registration_is_confirmed_while_there_are_places_then_waitlisted():
    event = EventFactory(capacity=2)
    people = PersonFactory.create_batch(3)
    statuses = [registration_create(event=event, person=p).status for p in people]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


@pytest.mark.django_db
def test_an_event_without_a_limit_confirms_everyone():
    event = EventFactory(capacity=None)
    for person in PersonFactory.create_batch(5):
        assert registration_create(event=event, person=person).status == Status.CONFIRMED


@pytest.mark.django_db
def test_registering_twice_is_refused():
    event = EventFactory(capacity=5)
    person = PersonFactory()
    registration_create(event=event, person=person)
    with pytest.raises(EventError) as error:
        registration_create(event=event, person=person)
    assert error.value.code == "duplicate"
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_registering_for_a_past_event_is_refused():
    start = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    with pytest.raises(EventError) as error:
        registration_create(event=event, person=PersonFactory())
    assert error.value.code == "past"


@pytest.mark.django_db
def test_cancelling_a_place_promotes_the_first_person_waiting():
    event = EventFactory(capacity=1)
    first, second, third = PersonFactory.create_batch(3)
    registration_create(event=event, person=first)
    registration_create(event=event, person=second)
    registration_create(event=event, person=third)

    promoted = registration_cancel(event=event, person=first)

    assert promoted.person == second
    statuses = dict(Registration.objects.values_list("person_id", "status"))
    assert statuses == {
        first.pk: Status.CANCELLED,
        second.pk: Status.CONFIRMED,
        third.pk: Status.WAITLISTED,
    }


@pytest.mark.django_db
def test_leaving_the_waiting_list_promotes_nobody():
    event = EventFactory(capacity=1)
    first, second = PersonFactory.create_batch(2)
    registration_create(event=event, person=first)
    registration_create(event=event, person=second)
    assert registration_cancel(event=event, person=second) is None
    assert Registration.objects.get(person=first).status == Status.CONFIRMED


@pytest.mark.django_db
def test_cancelling_without_a_registration_is_refused():
    with pytest.raises(EventError) as error:
        registration_cancel(event=EventFactory(), person=PersonFactory())
    assert error.value.code == "not_registered"


@pytest.mark.django_db
def test_coming_back_after_cancelling_joins_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    first, second = PersonFactory.create_batch(2)
    registration_create(event=event, person=first)
    RegistrationFactory(event=event, person=second, status=Status.WAITLISTED)
    registration_cancel(event=event, person=first)  # second takes the place
    again = registration_create(event=event, person=first)
    assert again.status == Status.WAITLISTED


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks: runs on PostgreSQL in CI"
)
@pytest.mark.django_db(transaction=True)
def test_two_people_registering_at_once_for_the_last_place_never_exceed_capacity():
    """Each thread has its own database connection; the barrier starts them together."""
    for round_number in range(5):
        event = EventFactory(capacity=2, title=f"Round {round_number}")
        registration_create(event=event, person=PersonFactory())  # one place left
        contenders = PersonFactory.create_batch(2)
        barrier = threading.Barrier(len(contenders))
        results, errors = [], []

        def register(person, event=event, barrier=barrier, results=results, errors=errors):
            try:
                barrier.wait(timeout=10)
                results.append(registration_create(event=event, person=person).status)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=register, args=(p,)) for p in contenders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert errors == []
        assert sorted(results) == [Status.CONFIRMED, Status.WAITLISTED]
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
        assert confirmed == event.capacity
