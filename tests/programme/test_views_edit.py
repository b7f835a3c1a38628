"""Running a programme: slots and sessions, for the event's organisers only."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from programme.models import Choice, Session, Slot
from tests.factories import PersonFactory, SchoolFactory
from tests.programme.conftest import choose, make_session, make_slot, register

pytestmark = pytest.mark.django_db


def test_the_organiser_adds_a_slot(coordinator, conference):
    response = coordinator.post(
        f"/programme/event/{conference.pk}/slots/new/",
        {
            "title": "Workshops 2",
            "day": conference.starts_at.date().isoformat(),
            "starts": "13:00",
            "ends": "14:00",
        },
    )
    assert response.status_code == 302
    slot = Slot.objects.get(event=conference)
    assert slot.title == "Workshops 2"
    expected = datetime.datetime.combine(
        conference.starts_at.date(), datetime.time(13), tzinfo=ZoneInfo("Europe/London")
    )
    assert slot.starts_at == expected  # the times are read in UK time


def test_a_slot_outside_the_event_is_refused_with_errors(coordinator, conference):
    response = coordinator.post(
        f"/programme/event/{conference.pk}/slots/new/",
        {
            "title": "Late",
            "day": conference.starts_at.date().isoformat(),
            "starts": "22:00",
            "ends": "21:00",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "The slot ends after it starts." in page
    response = coordinator.post(
        f"/programme/event/{conference.pk}/slots/new/",
        {
            "title": "Late",
            "day": conference.starts_at.date().isoformat(),
            "starts": "21:00",
            "ends": "22:00",
        },
    )
    assert response.status_code == 400
    assert "A slot lies within its event" in response.content.decode()
    assert not Slot.objects.exists()


def test_the_organiser_adds_a_session_with_presenters(coordinator, school, workshop_slot):
    presenter = PersonFactory(school=school)
    stranger = PersonFactory(school=SchoolFactory())
    page = coordinator.get(f"/programme/slot/{workshop_slot.pk}/sessions/new/").content.decode()
    assert presenter.display_name in page
    assert stranger.display_name not in page  # not at a member school
    response = coordinator.post(
        f"/programme/slot/{workshop_slot.pk}/sessions/new/",
        {
            "title": "Fractions",
            "kind": "workshop",
            "room": "Lab",
            "capacity": "12",
            "presenters": [presenter.pk],
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(title="Fractions")
    assert list(session.presenters.all()) == [presenter]
    assert session.slot == workshop_slot


def test_a_presenter_from_outside_the_member_schools_is_refused(coordinator, workshop_slot):
    stranger = PersonFactory(school=SchoolFactory())
    response = coordinator.post(
        f"/programme/slot/{workshop_slot.pk}/sessions/new/",
        {"title": "Fractions", "kind": "workshop", "presenters": [stranger.pk]},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Session.objects.exists()


def test_a_session_without_a_title_re_renders_with_errors(coordinator, workshop_slot):
    response = coordinator.post(
        f"/programme/slot/{workshop_slot.pk}/sessions/new/", {"kind": "workshop", "capacity": "-1"}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_raising_capacity_through_the_form_promotes_waiting(coordinator, conference, small):
    people = PersonFactory.create_batch(3)
    for person in people[:2]:
        register(conference, person)
        choose(small, person)
    register(conference, people[2])
    choose(small, people[2], status=Choice.Status.WAITLISTED)
    response = coordinator.post(
        f"/programme/session/{small.pk}/edit/",
        {"title": small.title, "kind": "workshop", "capacity": "3"},
    )
    assert response.status_code == 302
    assert Choice.objects.get(person=people[2]).status == Choice.Status.CONFIRMED


def test_a_chosen_session_is_not_deleted(coordinator, conference, small, large):
    (person,) = PersonFactory.create_batch(1)
    register(conference, person)
    choose(small, person)
    response = coordinator.post(f"/programme/session/{small.pk}/delete/", follow=True)
    assert "People have chosen it: it cannot be deleted." in response.content.decode()
    assert Session.objects.filter(pk=small.pk).exists()
    coordinator.post(f"/programme/session/{large.pk}/delete/")
    assert not Session.objects.filter(pk=large.pk).exists()


def test_a_slot_with_sessions_is_not_deleted(coordinator, small):
    slot = small.slot
    response = coordinator.post(
        f"/programme/slot/{slot.pk}/edit/", {"action": "delete"}, follow=True
    )
    assert "sessions first." in response.content.decode()
    small.delete()
    coordinator.post(f"/programme/slot/{slot.pk}/edit/", {"action": "delete"})
    assert not Slot.objects.filter(pk=slot.pk).exists()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider", "chair"])
def test_members_who_do_not_organise_the_event_are_refused(request, persona, conference, small):
    client = request.getfixturevalue(persona)
    assert client.get(f"/programme/event/{conference.pk}/edit/").status_code == 403
    response = client.post(
        f"/programme/session/{small.pk}/edit/", {"title": "Taken over", "kind": "workshop"}
    )
    assert response.status_code == 403
    assert client.post(f"/programme/session/{small.pk}/delete/").status_code == 403
    small.refresh_from_db()
    assert small.title == "Phonics in practice"


def test_the_public_is_sent_to_sign_in(anonymous, conference):
    response = anonymous.get(f"/programme/event/{conference.pk}/edit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [1, 12])
def test_edit_page_queries_do_not_grow_with_sessions(
    coordinator, conference, count, django_assert_num_queries
):
    """Slots, sessions and presenters in one query each, whatever their number, the counts
    of choices with the sessions (session, user, event, slots, sessions, presenters)."""
    for number in range(count):
        slot = make_slot(conference, hour=9 + number % 6)
        session = make_session(slot, title=f"Workshop {number}", capacity=4)
        session.presenters.add(PersonFactory())
    with django_assert_num_queries(6):
        response = coordinator.get(f"/programme/event/{conference.pk}/edit/")
    assert response.status_code == 200


def test_the_session_form_reads_its_presenters_in_one_query(
    coordinator, school, workshop_slot, django_assert_num_queries
):
    """The presenter menu is one query with each person's school, however many staff
    (session, user, slot, event, presenters)."""
    PersonFactory.create_batch(30, school=school)
    with django_assert_num_queries(5):
        response = coordinator.get(f"/programme/slot/{workshop_slot.pk}/sessions/new/")
    assert response.status_code == 200


def test_the_edit_page_counts_choices_and_offers_delete_only_when_none(
    coordinator, conference, small, large
):
    for person in PersonFactory.create_batch(2):
        register(conference, person)
        choose(small, person)
    waiting = PersonFactory()
    register(conference, waiting)
    choose(small, waiting, status=Choice.Status.WAITLISTED)
    page = coordinator.get(f"/programme/event/{conference.pk}/edit/").content.decode()
    assert "2 (1 waiting)" in page
    assert f"/programme/session/{small.pk}/delete/" not in page
    assert f"/programme/session/{large.pk}/delete/" in page
