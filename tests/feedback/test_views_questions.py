"""The organiser chooses the evaluation's questions; others are refused."""

import pytest
from django.urls import reverse

from feedback.models import EventQuestion, Question


def url(event):
    return reverse("feedback:questions", args=[event.pk])


def test_the_default_set_is_shown_until_the_organiser_chooses(coordinator, held):
    page = coordinator.get(url(held)).content.decode()
    assert "Nothing chosen yet" in page
    assert "How well was it organised?" in page


def test_the_organiser_chooses_questions_in_order_for_the_event_and_sessions(
    coordinator, attendee, held, programme
):
    useful = Question.objects.get(text="How useful was the talk or workshop?")
    better = Question.objects.get(text="What could be better next time?")
    organised = Question.objects.get(text="How well was it organised?")
    data = {
        f"ask-{better.pk}": "event",
        f"order-{better.pk}": "2",
        f"ask-{organised.pk}": "event",
        f"order-{organised.pk}": "1",
        f"ask-{useful.pk}": "session",
    }
    assert coordinator.post(url(held), data).status_code == 302
    rows = list(EventQuestion.objects.filter(event=held).order_by("order", "id"))
    assert [(r.question, r.per_session) for r in rows] == [
        (organised, False),
        (better, False),
        (useful, True),
    ]
    page = attendee.get(reverse("feedback:form", args=[held.pk])).content.decode()
    assert page.index("How well was it organised?") < page.index("What could be better")
    assert "Overall, how useful was this event?" not in page
    assert "Session: Mastery for all" in page


def test_a_bad_order_re_renders_with_an_error(coordinator, held):
    better = Question.objects.get(text="What could be better next time?")
    response = coordinator.post(url(held), {f"ask-{better.pk}": "event", f"order-{better.pk}": "x"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not EventQuestion.objects.exists()


def test_members_who_do_not_organise_are_refused(staff, attendee, held):
    assert staff.get(url(held)).status_code == 403
    assert attendee.post(url(held), {}).status_code == 403
    assert not EventQuestion.objects.exists()


@pytest.mark.parametrize("extra", [1, 12])
def test_questions_page_queries_do_not_grow_with_the_library(
    coordinator, held, extra, django_assert_num_queries
):
    """Session, user, event, the library, and the questions asked (chosen or the defaults):
    five queries, whatever the number of questions in the library or chosen."""
    added = [Question.objects.create(text=f"Extra question {n}?") for n in range(extra)]
    with django_assert_num_queries(5):
        page = coordinator.get(url(held)).content.decode()
    assert "Nothing chosen yet" in page and f"Extra question {extra - 1}?" in page
    for order, question in enumerate(added, start=1):
        EventQuestion.objects.create(event=held, question=question, order=order)
    with django_assert_num_queries(5):
        page = coordinator.get(url(held)).content.decode()
    assert "Nothing chosen yet" not in page and f"Extra question {extra - 1}?" in page
