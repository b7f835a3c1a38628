"""loadtest.pages reads the portal's real pages the way the load and fault clients rely on:
the profile edit form posted back with one change, and what a registration page says."""

from loadtest.pages import (
    NOT_REGISTERED,
    OUT_OF_STEP,
    REGISTERED,
    form_fields,
    registration_answer,
)
from tests.factories import EventFactory, RegistrationFactory


def test_edit_form_posted_back_with_one_change_saves_only_that_change(staff):
    person = staff.person
    person.bio = "Teaches Year 4.\nRuns the chess club."
    person.save()
    edit_url = f"/people/{person.pk}/edit/"
    fields = form_fields(staff.get(edit_url).content.decode(), containing="job_title")
    assert fields["csrfmiddlewaretoken"][0]
    fields["job_title"] = ["Maths lead"]
    response = staff.post(edit_url, fields, follow=True)
    assert b"Profile saved." in response.content
    before = {f: getattr(person, f) for f in ("first_name", "email", "telephone", "bio")}
    person.refresh_from_db()
    assert person.job_title == "Maths lead"
    assert {f: getattr(person, f) for f in before} == before


def test_form_fields_names_the_missing_field(staff):
    page = staff.get(f"/people/{staff.person.pk}/").content.decode()
    try:
        form_fields(page, containing="job_title")
    except KeyError as error:
        assert "job_title" in str(error)
    else:
        raise AssertionError("a page without the edit form has no job_title field")


def answer(client, event, action):
    page = client.post(f"/events/{event.pk}/{action}/", follow=True).content.decode()
    return registration_answer(page)


def test_register_and_cancel_answers(staff):
    event = EventFactory(capacity=3)
    assert answer(staff, event, "register") == (REGISTERED, "You are registered.")
    assert answer(staff, event, "cancel") == (NOT_REGISTERED, "Your registration is cancelled.")
    state, message = answer(staff, event, "cancel")
    assert state == NOT_REGISTERED
    assert message in OUT_OF_STEP


def test_a_full_event_answers_registered_on_the_waiting_list(staff):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    state, message = answer(staff, event, "register")
    assert state == REGISTERED
    assert "waiting list" in message


def test_a_page_without_a_registration_message_has_no_answer(staff):
    event = EventFactory(capacity=1)
    assert registration_answer(staff.get(f"/events/{event.pk}/").content.decode()) is None
