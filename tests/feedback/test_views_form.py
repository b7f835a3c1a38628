"""The evaluation form: who may answer, once only, validation, and the anonymous default."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Answer, Question, Respondent, Response
from tests.factories import EventFactory, PersonFactory
from tests.feedback.conftest import attend, choose


def url(event):
    return reverse("feedback:form", args=[event.pk])


def ratings_for(response, value="4"):
    """A full POST for every rating field of the form the page rendered."""
    endings = tuple(f"q{q.pk}" for q in Question.objects.filter(kind="rating"))
    return {name: value for name in response.context["form"].fields if name.endswith(endings)}


def test_an_attendee_sees_the_event_questions_and_rating_radios(attendee, held):
    response = attendee.get(url(held))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Overall, how useful was this event?" in page
    assert 'type="radio"' in page
    assert "Show my name with my answers" in page
    assert 'name="named"' in page and "checked" not in page.split('name="named"')[1][:40]


def test_visitor_is_sent_to_sign_in(anonymous, held):
    response = anonymous.get(url(held))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_registered_but_not_attended_gets_a_clear_refusal(registered_only, held):
    response = registered_only.get(url(held))
    assert response.status_code == 403
    assert "not marked as having attended" in response.content.decode()
    assert registered_only.post(url(held), {}).status_code == 403
    assert not Response.objects.exists()


def test_member_of_another_school_is_refused(outsider, held):
    assert outsider.get(url(held)).status_code == 403


def test_an_event_that_does_not_exist_answers_404(outsider, attendee):
    assert outsider.get(reverse("feedback:form", args=[999999])).status_code == 404
    assert attendee.post(reverse("feedback:form", args=[999999]), {}).status_code == 404


def test_the_form_is_closed_before_the_event_and_60_days_after(staff, partnership):
    future = EventFactory(partnership=partnership)
    old_start = timezone.now() - datetime.timedelta(days=70)
    old = EventFactory(
        partnership=partnership,
        starts_at=old_start,
        ends_at=old_start + datetime.timedelta(hours=2),
    )
    attend(old, staff.person)
    response = staff.get(url(old))
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    assert staff.get(url(future)).status_code == 403


def test_answers_are_anonymous_unless_the_tick_is_given(attendee, held):
    data = ratings_for(attendee.get(url(held)))
    response = attendee.post(url(held), data)
    assert response.status_code == 302
    saved = Response.objects.get(event=held)
    assert saved.person is None
    assert saved.submitted_on == timezone.localdate()
    assert Respondent.objects.filter(event=held, person=attendee.person).exists()
    assert Answer.objects.filter(response=saved, rating=4).count() == 2


def test_named_answers_carry_the_name(attendee, held):
    data = ratings_for(attendee.get(url(held)))
    attendee.post(url(held), {**data, "named": "on"})
    assert Response.objects.get(event=held).person == attendee.person


def test_once_answered_a_thank_you_and_no_second_submission(attendee, held):
    data = ratings_for(attendee.get(url(held)))
    first = attendee.post(url(held), data, follow=True)
    assert "Thank you" in first.content.decode()
    again = attendee.post(url(held), data, follow=True)
    assert "already answered" in again.content.decode()
    assert Response.objects.filter(event=held).count() == 1
    assert "Thank you" in attendee.get(url(held)).content.decode()


def test_a_missing_rating_re_renders_with_errors(attendee, held):
    response = attendee.post(url(held), {"named": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose a rating from 1 to 5." in page
    assert not Response.objects.exists()


def test_a_rating_out_of_range_is_refused(attendee, held):
    data = ratings_for(attendee.get(url(held)), value="9")
    assert attendee.post(url(held), data).status_code == 400
    assert not Response.objects.exists()


def test_per_session_parts_for_sessions_with_a_confirmed_place(attendee, held, programme):
    choose(programme["fractions"], attendee.person)
    choose(programme["reasoning"], PersonFactory())
    page = attendee.get(url(held)).content.decode()
    assert "Session: Mastery for all" in page  # alone in its slot: everyone went
    assert "Session: Fractions" in page
    assert "Session: Reasoning" not in page
    data = ratings_for(attendee.get(url(held)))
    attendee.post(url(held), data)
    assert Response.objects.filter(event=held, session=programme["fractions"]).count() == 1
    assert Response.objects.filter(event=held, session=programme["keynote"]).count() == 1
    assert Respondent.objects.filter(person=attendee.person).count() == 3


@pytest.mark.parametrize("sessions", [1, 8])
def test_form_queries_do_not_grow_with_sessions(
    attendee, held, programme, sessions, django_assert_num_queries
):
    """Session, user, the event (with whether the person was marked attended), whether they
    answered, the questions, and the sessions with the person's places: six queries, not one
    per session."""
    slot = programme["fractions"].slot
    for n in range(sessions):
        choose(
            type(programme["fractions"]).objects.create(slot=slot, title=f"Extra {n}"),
            PersonFactory(),
        )
    choose(programme["fractions"], attendee.person)
    with django_assert_num_queries(6):
        page = attendee.get(url(held)).content.decode()
    assert "Session: Fractions" in page and "Session: Mastery for all" in page
