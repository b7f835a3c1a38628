"""The certificate of attendance: only for the person marked attended."""

import datetime

import pytest
from django.urls import reverse

from programme.models import Session, Slot
from tests.feedback.conftest import choose


def url(event):
    return reverse("feedback:certificate", args=[event.pk])


def test_an_attendee_prints_their_certificate(attendee, held, programme):
    choose(programme["fractions"], attendee.person)
    response = attendee.get(url(held))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Certificate of attendance" in page
    assert "Ada Quill" in page and "Spring maths conference" in page
    assert "Abbeyfield Primary School hall" in page
    assert "6 hours" in page
    assert "Mastery for all" in page and "Fractions" in page and "Reasoning" not in page
    assert "css/feedback.css" in page  # the A4 print stylesheet


@pytest.mark.parametrize("persona", ["registered_only", "staff", "outsider", "coordinator"])
def test_anyone_not_marked_attended_gets_404(request, persona, held):
    assert request.getfixturevalue(persona).get(url(held)).status_code == 404


def test_visitor_is_sent_to_sign_in(anonymous, held):
    assert anonymous.get(url(held))["Location"].startswith("/accounts/login/")


def test_the_event_page_links_an_attendee_to_the_form_and_certificate(attendee, staff, held):
    page = attendee.get(held.get_absolute_url()).content.decode()
    assert reverse("feedback:form", args=[held.pk]) in page
    assert url(held) in page
    assert url(held) not in staff.get(held.get_absolute_url()).content.decode()


@pytest.mark.parametrize("sessions", [1, 8])
def test_certificate_queries_do_not_grow_with_sessions(
    attendee, held, programme, sessions, django_assert_num_queries
):
    """Session, user, the event (with whether the person was marked attended), the sessions
    with the person's places, and the person's school: five queries, not one per session."""
    for n in range(sessions):  # a round of two workshops each, the person in one
        slot = Slot.objects.create(
            event=held,
            title=f"Round {n}",
            starts_at=held.starts_at + datetime.timedelta(hours=3, minutes=n),
            ends_at=held.starts_at + datetime.timedelta(hours=4),
        )
        Session.objects.create(slot=slot, title=f"Other {n}")
        choose(Session.objects.create(slot=slot, title=f"Extra {n}"), attendee.person)
    with django_assert_num_queries(5):
        page = attendee.get(url(held)).content.decode()
    assert f"Extra {sessions - 1}" in page and "Mastery for all" in page
    assert "Other 0" not in page
