"""Answering a meeting: going, or can't attend with a reason; one answer per person. The
organisers see the apologies; a head sees which of their staff are going."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event, EventKind, Rsvp
from tests.factories import EventFactory, PersonFactory, RsvpFactory, SchoolFactory


def url(event) -> str:
    return f"/events/{event.pk}/rsvp/"


def test_member_says_going_then_sends_apologies_with_a_reason(staff, meeting):
    response = staff.post(url(meeting), {"answer": "going"})
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert Rsvp.objects.get(event=meeting, person=staff.person).answer == "going"
    staff.post(url(meeting), {"answer": "apologies", "reason": "Year 6 residential"})
    rsvp = Rsvp.objects.get(event=meeting, person=staff.person)  # one answer, replaced
    assert (rsvp.answer, rsvp.reason) == ("apologies", "Year 6 residential")
    html = staff.get(meeting.get_absolute_url()).content.decode()
    assert "You said: <strong>Can&#x27;t attend</strong> (Year 6 residential)" in html
    assert "0 going, 1 can't attend" in html


def test_the_answer_form_works_without_javascript_on_its_own_page(staff, meeting):
    html = staff.get(url(meeting) + "?answer=apologies").content.decode()
    assert 'type="radio"' in html and 'value="apologies"' in html
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]


def test_an_answer_must_be_chosen(staff, meeting):
    response = staff.post(url(meeting), {"reason": "No idea"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_organiser_sees_the_apologies_with_their_reasons(coordinator, staff, meeting):
    staff.post(url(meeting), {"answer": "apologies", "reason": "Ofsted visit"})
    html = coordinator.get(meeting.get_absolute_url()).content.decode()
    assert staff.person.display_name in html and "Ofsted visit" in html


def test_chair_and_minute_taker_see_the_apologies(meeting_chair, minute_taker, staff, meeting):
    staff.post(url(meeting), {"answer": "apologies", "reason": "Ofsted visit"})
    for client in (meeting_chair, minute_taker):
        assert "Ofsted visit" in client.get(meeting.get_absolute_url()).content.decode()


def test_another_member_sees_counts_but_not_who_or_why(staff, outsider, meeting):
    staff.post(url(meeting), {"answer": "apologies", "reason": "Ofsted visit"})
    html = outsider.get(meeting.get_absolute_url()).content.decode()
    assert "0 going, 1 can't attend" in html
    assert "Ofsted visit" not in html and staff.person.display_name not in html


def test_head_sees_which_of_their_staff_are_going_and_no_one_elses(head, staff, meeting):
    staff.post(url(meeting), {"answer": "going"})
    elsewhere = PersonFactory(school=SchoolFactory(), first_name="Quentin", last_name="Elsewhere")
    RsvpFactory(event=meeting, person=elsewhere, answer="going")
    html = head.get(meeting.get_absolute_url()).content.decode()
    assert "Your staff" in html
    assert f"{staff.person.display_name}: going" in html
    assert "Quentin Elsewhere" not in html


def test_member_of_another_school_answers_a_published_meeting(outsider, meeting):
    assert outsider.post(url(meeting), {"answer": "going"}).status_code == 302
    assert Rsvp.objects.filter(person=outsider.person).exists()


def test_visitor_is_sent_to_sign_in_and_nothing_is_recorded(anonymous, meeting):
    response = anonymous.post(url(meeting), {"answer": "going"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Rsvp.objects.exists()
    html = anonymous.get(meeting.get_absolute_url()).content.decode()
    assert "to say whether you are going" in html


def test_a_cancelled_or_past_meeting_takes_no_answer(staff, meeting):
    Event.objects.filter(pk=meeting.pk).update(cancelled_at=timezone.now())
    assert staff.post(url(meeting), {"answer": "going"}).status_code == 403
    past = EventFactory(
        kind=EventKind.NETWORK_MEETING,
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    response = staff.post(url(past), {"answer": "going"}, follow=True)
    assert "already taken place" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_a_conference_keeps_registration_and_has_no_answers(staff, event):
    html = staff.get(event.get_absolute_url()).content.decode()
    assert f'action="/events/{event.pk}/register/"' in html
    assert "Are you going?" not in html
    assert staff.post(url(event), {"answer": "going"}).status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_meeting_page_queries_do_not_grow_with_answers(
    head, meeting, rows, django_assert_num_queries
):
    """Every answer is read in one query with the person's school (the counts, the head's
    staff): session, user, event (with whether the user organises it), answers, documents,
    actions: 6, or 5 with sessions read from the cache as in production."""
    for _ in range(rows):
        RsvpFactory(event=meeting, person=PersonFactory(school=SchoolFactory()))
    with django_assert_num_queries(6):
        head.get(meeting.get_absolute_url())


def test_a_held_meetings_answers_are_not_headed_twice_alike(coordinator, staff, meeting):
    """After the meeting its section is headed "Answers"; the table of who answered has a
    heading of its own, so a screen reader's list of headings tells them apart."""
    staff.post(url(meeting), {"answer": "apologies", "reason": "Ofsted visit"})
    meeting.starts_at = timezone.now() - datetime.timedelta(days=7)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    html = coordinator.get(meeting.get_absolute_url()).content.decode()
    assert '<h2 id="rsvp-title">Answers</h2>' in html
    assert '<h3 id="answers">Who answered</h3>' in html and "Ofsted visit" in html
