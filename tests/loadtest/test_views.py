"""The fault views (loadtest/views.py), served only by loadtest.settings: each registers
through the events app's real service, then fails or hangs inside the same transaction."""

import pytest

from events.models import Registration
from loadtest.views import FaultInjected
from tests.factories import EventFactory

pytestmark = pytest.mark.urls("loadtest.urls")


def test_fail_after_write_refuses_get(staff):
    event = EventFactory(capacity=2)
    assert staff.get(f"/_fault/events/{event.pk}/fail-after-write/").status_code == 405
    assert not Registration.objects.exists()


def test_anonymous_is_sent_to_sign_in(anonymous, db):
    event = EventFactory(capacity=2)
    response = anonymous.post(f"/_fault/events/{event.pk}/fail-after-write/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_view_that_fails_after_its_first_write_leaves_nothing_behind(staff):
    # A real transaction (no test wrapper around it): the write must be rolled back for good.
    event = EventFactory(capacity=2)
    with pytest.raises(FaultInjected):
        staff.post(f"/_fault/events/{event.pk}/fail-after-write/")
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.django_db(transaction=True)
def test_slow_write_keeps_its_registration_when_no_worker_timeout_kills_it(staff, settings):
    # What the fault run's "rolled back" check would see if gunicorn did not kill the worker.
    settings.FAULT_WORKER_TIMEOUT_SECONDS = 0
    event = EventFactory(capacity=2)
    response = staff.post(f"/_fault/events/{event.pk}/slow-write/")
    assert response.status_code == 200
    registration = Registration.objects.get(event=event)
    assert registration.person == staff.person
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.urls("alliance.urls")
def test_the_portals_own_urls_have_no_fault_views(staff):
    event = EventFactory(capacity=2)
    assert staff.post(f"/_fault/events/{event.pk}/fail-after-write/").status_code == 404
    assert staff.post(f"/_fault/events/{event.pk}/slow-write/").status_code == 404
    assert not Registration.objects.exists()
