"""The load test's stand-in writes and the fault views, served only by loadtest.settings."""

import pytest

from events.models import Registration
from loadtest.views import FaultInjected
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.urls("loadtest.urls")


def register(client, event):
    return client.post(f"/_load/events/{event.pk}/register/")


def test_register_refuses_get(staff):
    event = EventFactory(capacity=2)
    assert staff.get(f"/_load/events/{event.pk}/register/").status_code == 405
    assert not Registration.objects.exists()


def test_anonymous_register_is_sent_to_sign_in(anonymous, db):
    event = EventFactory(capacity=2)
    response = register(anonymous, event)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_register_confirms_while_places_last_then_waitlists(staff):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, person=PersonFactory())
    response = register(staff, event)
    assert response.json()["outcome"] == Registration.Status.WAITLISTED
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_register_twice_cancels(staff):
    event = EventFactory(capacity=5)
    assert register(staff, event).json()["outcome"] == Registration.Status.CONFIRMED
    assert register(staff, event).json()["outcome"] == "cancelled"
    assert not event.registrations.exists()


def test_profile_edit_changes_only_the_job_title(staff):
    response = staff.post("/_load/people/me/", {"job_title": "Maths lead"})
    assert response.status_code == 200
    staff.person.refresh_from_db()
    assert staff.person.job_title == "Maths lead"


@pytest.mark.django_db(transaction=True)
def test_a_view_that_fails_after_its_first_write_leaves_nothing_behind(staff):
    # A real transaction (no test wrapper around it): the write must be rolled back for good.
    event = EventFactory()
    with pytest.raises(FaultInjected):
        staff.post(f"/_fault/events/{event.pk}/fail-after-write/")
    assert not Registration.objects.filter(event=event).exists()
