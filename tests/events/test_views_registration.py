"""Registering from the event page; the organiser's list and its CSV export."""

import pytest

from events.models import Registration
from tests.factories import (
    NetworkGroupFactory,
    PersonFactory,
    RegistrationFactory,
    SchoolFactory,
)

Status = Registration.Status


def test_staff_registers_and_sees_a_confirmation(staff, event):
    response = staff.post(f"/events/{event.pk}/register/", follow=True)
    assert Registration.objects.get(event=event, person=staff.person).status == Status.CONFIRMED
    html = response.content.decode()
    assert "You are registered." in html
    assert "Cancel my registration" in html


def test_registering_for_a_full_event_joins_the_waiting_list(staff, event):
    event.capacity = 1
    event.save()
    RegistrationFactory(event=event)
    response = staff.post(f"/events/{event.pk}/register/", follow=True)
    assert Registration.objects.get(person=staff.person).status == Status.WAITLISTED
    assert "you are on the waiting list" in response.content.decode()


def test_cancelling_from_the_event_page(staff, event):
    RegistrationFactory(event=event, person=staff.person)
    response = staff.post(f"/events/{event.pk}/cancel/", follow=True)
    assert Registration.objects.get(person=staff.person).status == Status.CANCELLED
    assert "Your registration is cancelled." in response.content.decode()


def test_registering_twice_says_so_and_changes_nothing(staff, event):
    staff.post(f"/events/{event.pk}/register/")
    response = staff.post(f"/events/{event.pk}/register/", follow=True)
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_anonymous_is_sent_to_sign_in_to_register(anonymous, event):
    response = anonymous.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_an_account_without_a_profile_cannot_register(admin, event):
    admin.user.person.delete()
    admin.user.refresh_from_db()
    assert admin.post(f"/events/{event.pk}/register/").status_code == 403
    assert not Registration.objects.exists()


def test_register_and_cancel_refuse_get(staff, event):
    assert staff.get(f"/events/{event.pk}/register/").status_code == 405
    assert staff.get(f"/events/{event.pk}/cancel/").status_code == 405


def test_outsider_cannot_register_for_an_unpublished_event_they_cannot_see(anonymous, event):
    event.is_published = False
    event.save()
    # Signed-in members see members-only events; the public does not even find them.
    assert anonymous.get(event.get_absolute_url()).status_code == 404


# The organiser's list ----------------------------------------------------------------------


def test_organiser_sees_who_is_coming_and_who_is_waiting(coordinator, event):
    coming = RegistrationFactory(event=event, person=PersonFactory(first_name="Ada"))
    waiting = RegistrationFactory(
        event=event, person=PersonFactory(first_name="Bea"), status=Status.WAITLISTED
    )
    RegistrationFactory(
        event=event,
        person=PersonFactory(first_name="Cy", last_name="Cancelledson"),
        status="cancelled",
    )
    html = coordinator.get(f"/events/{event.pk}/registrations/").content.decode()
    assert coming.person.display_name in html and waiting.person.display_name in html
    assert "Cancelledson" not in html
    assert "On the waiting list" in html
    assert 'role="status">2 registrations' in html


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_non_organisers_cannot_see_or_export_the_list(request, persona, event):
    client = request.getfixturevalue(persona)
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 403
    assert client.get(f"/events/{event.pk}/registrations.csv").status_code == 403


def test_anonymous_is_sent_to_sign_in_for_the_list(anonymous, event):
    response = anonymous.get(f"/events/{event.pk}/registrations.csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_export_is_excel_friendly_and_neutralises_formulas(coordinator, event):
    RegistrationFactory(
        event=event,
        person=PersonFactory(first_name="=HYPERLINK(1)", last_name="Zoë", job_title="+SUM"),
    )
    response = coordinator.get(f"/events/{event.pk}/registrations.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeffName,School or organisation,Job title,E-mail,Status")
    assert "'=HYPERLINK(1) Zoë" in text
    assert "'+SUM" in text


def test_export_hides_e_mails_the_person_keeps_to_their_school(coordinator, event):
    private = PersonFactory(
        school=SchoolFactory(), contact_visibility="school", email="hidden@example.org"
    )
    public = PersonFactory(contact_visibility="alliance", email="shown@example.org")
    RegistrationFactory(event=event, person=private)
    RegistrationFactory(event=event, person=public)
    text = coordinator.get(f"/events/{event.pk}/registrations.csv").getvalue().decode()
    assert "shown@example.org" in text
    assert "hidden@example.org" not in text
    html = coordinator.get(f"/events/{event.pk}/registrations/").content.decode()
    assert "hidden@example.org" not in html


@pytest.mark.parametrize("rows", [1, 30])
def test_registration_list_queries_do_not_grow(coordinator, event, rows, django_assert_num_queries):
    """Each person's school comes with their registration (no query per row): session, user
    with their profile, event (with whether the user organises it), the rows; the CSV also
    writes its security log entry."""
    for _ in range(rows):
        RegistrationFactory(event=event, person=PersonFactory(school=SchoolFactory()))
    with django_assert_num_queries(4):
        coordinator.get(f"/events/{event.pk}/registrations/")
    with django_assert_num_queries(5):
        coordinator.get(f"/events/{event.pk}/registrations.csv")


@pytest.mark.parametrize("rows", [1, 30])
def test_event_page_queries_do_not_grow_with_registrations(
    staff, event, rows, django_assert_num_queries
):
    """Places left are one aggregate, not a count per status or a loop over registrations:
    session, user with their profile, event (with whether the user organises it), my
    registration, counts, documents."""
    for _ in range(rows):
        RegistrationFactory(event=event)
    with django_assert_num_queries(6):
        staff.get(event.get_absolute_url())


def test_a_group_meeting_asks_whether_the_user_coordinates_its_partnership_once(
    staff, event, django_assert_num_queries
):
    """The group's coordinators and the event's partnership's are the same people: the
    organiser check and the minutes check read the answer with the event's row."""
    event.network_group = NetworkGroupFactory(partnership=event.partnership)
    event.save()
    with django_assert_num_queries(6):
        response = staff.get(event.get_absolute_url())
    assert not response.context["can_organise"]


def test_a_past_event_offers_no_registration(staff, event):
    event.starts_at = event.starts_at.replace(year=2020)
    event.ends_at = event.ends_at.replace(year=2020)
    event.save()
    html = staff.get(event.get_absolute_url()).content.decode()
    assert "This event has taken place." in html
    assert f'action="/events/{event.pk}/register/"' not in html


def test_anonymous_is_sent_to_sign_in_to_cancel(anonymous, event):
    RegistrationFactory(event=event)
    response = anonymous.post(f"/events/{event.pk}/cancel/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Registration.objects.get().status == Status.CONFIRMED
