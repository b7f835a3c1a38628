"""The programme page per persona, and choosing, changing and withdrawing through it."""

from __future__ import annotations

import pytest

from programme.models import Choice, Session
from tests.factories import PersonFactory
from tests.programme.conftest import choose, make_session, make_slot, register

Status = Choice.Status
pytestmark = pytest.mark.django_db


def _url(event):
    return f"/programme/event/{event.pk}/"


def test_visitors_see_a_published_programme_without_buttons(anonymous, conference, keynote, small):
    page = anonymous.get(_url(conference)).content.decode()
    assert "Why we read" in page and "Phonics in practice" in page
    assert "2 of 2 left" in page
    assert "Sign in</a> and register" in page
    assert "/choose/" not in page


def test_an_unpublished_programme_is_hidden_from_the_public(anonymous, staff, small):
    conference = small.slot.event
    conference.is_published = False
    conference.save()
    assert anonymous.get(_url(conference)).status_code == 404
    assert staff.get(_url(conference)).status_code == 200


def test_an_unknown_event_answers_404(staff):
    assert staff.get("/programme/event/999999/").status_code == 404


def test_a_member_without_a_place_is_asked_to_register(head, conference, small):
    page = head.get(_url(conference)).content.decode()
    assert "Register for the event</a> to choose" in page
    assert "/choose/" not in page


def test_a_registered_member_chooses_changes_and_withdraws(staff, conference, small, large):
    register(conference, staff.person)
    page = staff.get(_url(conference)).content.decode()
    assert f"/programme/session/{small.pk}/choose/" in page
    assert "You have not chosen a session here yet." in page

    response = staff.post(f"/programme/session/{small.pk}/choose/", follow=True)
    assert "You have a place at “Phonics in practice”." in response.content.decode()
    assert Choice.objects.get(person=staff.person).session == small
    assert "Your choice: place confirmed" in response.content.decode()
    assert "Change to this" in response.content.decode()

    staff.post(f"/programme/session/{large.pk}/choose/")
    assert Choice.objects.get(person=staff.person).session == large

    response = staff.post(f"/programme/slot/{large.slot.pk}/withdraw/", follow=True)
    assert not Choice.objects.filter(person=staff.person).exists()
    assert "your place is free for others" in response.content.decode()


def test_a_full_session_puts_the_member_on_its_waiting_list(staff, conference, small, large):
    for person in PersonFactory.create_batch(2):
        register(conference, person)
        choose(small, person)
    register(conference, staff.person)
    page = staff.get(_url(conference)).content.decode()
    assert "Full" in page and "Join the waiting list" in page
    response = staff.post(f"/programme/session/{small.pk}/choose/", follow=True)
    assert "you are on its waiting list" in response.content.decode()
    assert "Your choice: on the waiting list" in response.content.decode()
    response = staff.post(f"/programme/slot/{small.slot.pk}/withdraw/", follow=True)
    assert "You have left the waiting list." in response.content.decode()


def test_choosing_without_a_place_at_the_event_shows_why(head, conference, small):
    response = head.post(f"/programme/session/{small.pk}/choose/", follow=True)
    assert "Register for the event (with a confirmed place)" in response.content.decode()
    assert not Choice.objects.exists()


def test_withdrawing_without_a_choice_shows_why(staff, conference, small):
    register(conference, staff.person)
    response = staff.post(f"/programme/slot/{small.slot.pk}/withdraw/", follow=True)
    assert "You have no session chosen at that time." in response.content.decode()


def test_choose_and_withdraw_take_only_post(staff, small):
    assert staff.get(f"/programme/session/{small.pk}/choose/").status_code == 405
    assert staff.get(f"/programme/slot/{small.slot.pk}/withdraw/").status_code == 405


def test_the_public_cannot_choose(anonymous, small):
    response = anonymous.post(f"/programme/session/{small.pk}/choose/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_presenters_show_contacts_only_as_they_allow(staff, outsider, conference, small):
    presenter = PersonFactory(
        school=staff.person.school, email="presenter@example.org", contact_visibility="school"
    )
    small.presenters.add(presenter)
    mine = staff.get(_url(conference)).content.decode()
    theirs = outsider.get(_url(conference)).content.decode()
    assert presenter.display_name in mine and presenter.display_name in theirs
    assert "presenter@example.org" in mine
    assert "presenter@example.org" not in theirs


def test_descriptions_are_rendered_safely(anonymous, conference, workshop_slot):
    make_session(workshop_slot, title="Safe", description="**Bring** a pen <script>x</script>")
    page = anonymous.get(_url(conference)).content.decode()
    assert "<strong>Bring</strong>" in page
    assert "<script>x" not in page


def test_slots_are_grouped_by_day_in_time_order(anonymous, conference, keynote, small):
    page = anonymous.get(_url(conference)).content.decode()
    assert page.index("Why we read") < page.index("Phonics in practice")
    assert page.count('class="programme-day"') == 1
    assert "css/programme.css" in page


def _programme(conference, *, sessions: int, people: int):
    for hour in range(sessions // 4 + 1):
        slot = make_slot(conference, hour=9 + hour)
        for number in range(min(4, sessions - hour * 4)):
            session = make_session(slot, title=f"Workshop {hour}.{number}", capacity=5)
            session.presenters.add(PersonFactory(), PersonFactory())
            for person in PersonFactory.create_batch(people):
                register(conference, person)
                choose(session, person)


@pytest.mark.parametrize("sessions,people", [(1, 1), (12, 4)])
def test_programme_queries_do_not_grow_with_sessions_or_choices(
    staff, conference, sessions, people, django_assert_num_queries
):
    """The slots, their sessions and presenters are read in one query each, not once per slot
    or session; the viewer's registration and choices come with the slots, the counts of
    choices with the sessions (session, user, event, slots, sessions, presenters)."""
    _programme(conference, sessions=sessions, people=people)
    register(conference, staff.person)
    with django_assert_num_queries(6):
        response = staff.get(_url(conference))
    assert response.status_code == 200


def test_a_break_has_no_choose_button(staff, conference, workshop_slot, small, large):
    make_session(workshop_slot, title="Coffee", kind=Session.Kind.BREAK)
    register(conference, staff.person)
    page = staff.get(_url(conference)).content.decode()
    assert page.count("/choose/") == 2


def test_the_event_page_links_its_programme_once_it_has_one(anonymous, conference):
    assert _url(conference) not in anonymous.get(conference.get_absolute_url()).content.decode()
    make_session(make_slot(conference, hour=9), title="Welcome", kind=Session.Kind.KEYNOTE)
    assert _url(conference) in anonymous.get(conference.get_absolute_url()).content.decode()


def test_visitors_get_the_programme_from_the_cache_and_see_a_change_at_once(
    anonymous, conference, small, django_assert_num_queries
):
    """The programme is the same for every visitor: stored once, and a saved change to it
    (a new workshop) is shown to the next visitor at once."""
    anonymous.get(_url(conference))
    with django_assert_num_queries(0):
        assert "Phonics in practice" in anonymous.get(_url(conference)).content.decode()
    make_session(small.slot, title="Outdoor learning", capacity=12)
    assert "Outdoor learning" in anonymous.get(_url(conference)).content.decode()
