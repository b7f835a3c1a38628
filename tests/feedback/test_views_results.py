"""Results for organisers: the threshold, the anonymity of answers, the CSV, and who may
read them."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Question
from feedback.services import Part, evaluation_submit
from tests.factories import PersonFactory
from tests.feedback.conftest import attend


def results_url(event):
    return reverse("feedback:results", args=[event.pk])


def csv_url(event):
    return reverse("feedback:results_csv", args=[event.pk])


def answer(event, person, *, rating, text="", named=False, session=None, also=None):
    """`person` answers about the event (or only `session`), and about `also` besides."""
    useful = Question.objects.get(text="Overall, how useful was this event?")
    better = Question.objects.get(text="What could be better next time?")
    answers = [(useful, rating, ""), (better, None, text)]
    parts = [Part(session=session, answers=answers)]
    if also is not None:
        parts.append(Part(session=also, answers=answers))
    evaluation_submit(
        event=event, person=person, parts=parts, named=named, today=timezone.localdate()
    )


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_fewer_than_three_answers_show_nothing(coordinator, held):
    answer(held, attend(held, PersonFactory(first_name="Nell")), rating=5, text="Longer lunch")
    answer(held, attend(held, PersonFactory()), rating=2, text="More tea")
    page = coordinator.get(results_url(held)).content.decode()
    assert "Too few answers to show without identifying people" in page
    assert "Longer lunch" not in page and "More tea" not in page
    assert "Average" not in page
    flat = str(rows_of(coordinator.get(csv_url(held))))
    assert "Longer lunch" not in flat and "More tea" not in flat
    assert "Too few answers to show" in flat


def test_an_organiser_cannot_tell_who_gave_an_anonymous_answer(coordinator, held):
    """Two attendees answer, one named and one not, among others: the anonymous one's name
    appears nowhere, and the order of the free text does not follow the order of answers."""
    named = attend(held, PersonFactory(first_name="Nora", last_name="Named"))
    hidden = attend(held, PersonFactory(first_name="Hugo", last_name="Hidden"))
    third = attend(held, PersonFactory(first_name="Tess", last_name="Third"))
    answer(held, hidden, rating=1, text="Zero coffee was a problem")
    answer(held, named, rating=5, text="Brilliant keynote", named=True)
    answer(held, third, rating=3, text="Average rooms")
    page = coordinator.get(results_url(held)).content.decode()
    assert "Hidden" not in page and "Hugo" not in page and "Tess" not in page
    assert "Brilliant keynote" in page and "(Nora Named)" in page
    # Sorted by text: the first answer given comes last here.
    assert page.index("Average rooms") < page.index("Brilliant keynote") < page.index("Zero")
    assert "Average 3.0 out of 5 from 3 ratings" in page
    rows = rows_of(coordinator.get(csv_url(held)))
    flat = str(rows)
    assert "Hidden" not in flat and "Hugo" not in flat and "Third" not in flat
    texts = [r for r in rows[1:] if r[5]]
    assert [r[5] for r in texts] == [
        "Average rooms",
        "Brilliant keynote",
        "Zero coffee was a problem",
    ]
    assert [r[6] for r in texts] == ["", "Nora Named", ""]
    useful = "Overall, how useful was this event?"
    assert ["The event", "3", useful, "5", "1", "", ""] in rows
    assert ["The event", "3", useful, "Average", "3.0", "", ""] in rows


def test_each_session_has_its_own_threshold(coordinator, held, programme):
    keynote = programme["keynote"]
    for n in range(3):
        person = attend(held, PersonFactory())
        answer(held, person, rating=4, text=f"Keynote note {n}", session=keynote)
    person = attend(held, PersonFactory())
    answer(held, person, rating=4, text="Lonely fractions", session=programme["fractions"])
    page = coordinator.get(results_url(held)).content.decode()
    assert "Session: Mastery for all" in page and "Keynote note 0" in page
    assert "Session: Fractions" in page and "Lonely fractions" not in page


@pytest.mark.parametrize("client_name", ["staff", "outsider", "head"])
def test_members_who_do_not_organise_are_refused(request, client_name, held):
    client = request.getfixturevalue(client_name)
    assert client.get(results_url(held)).status_code == 403
    assert client.get(csv_url(held)).status_code == 403


def test_visitor_is_sent_to_sign_in(anonymous, held):
    assert anonymous.get(results_url(held))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("rows", [3, 25])
def test_results_queries_do_not_grow_with_responses(
    coordinator, held, programme, rows, django_assert_num_queries
):
    """Session, user, event, questions, the responses counted per session (with the session's
    title) and the answers: six queries whatever the number of responses; the CSV adds the
    export's audit record."""
    for n in range(rows):
        person = attend(held, PersonFactory())
        answer(
            held,
            person,
            rating=1 + n % 5,
            text=f"Note {n}",
            named=n % 2 == 0,
            also=programme["keynote"],
        )
    with django_assert_num_queries(6):
        page = coordinator.get(results_url(held)).content.decode()
    assert f"Note {rows - 1}" in page and "Session: Mastery for all" in page
    with django_assert_num_queries(7):
        exported = rows_of(coordinator.get(csv_url(held)))
    assert f"Note {rows - 1}" in [row[5] for row in exported]


@pytest.mark.parametrize("sessions", [1, 6])
def test_results_queries_do_not_grow_with_sessions(
    coordinator, held, programme, sessions, django_assert_num_queries
):
    """Sessions are read with their responses' counts and their answers with the event's: six
    queries, not one per session."""
    slot = programme["fractions"].slot
    for n in range(sessions):
        session = type(programme["fractions"]).objects.create(slot=slot, title=f"Extra {n}")
        for _ in range(3):
            answer(held, attend(held, PersonFactory()), rating=4, text="Fine", session=session)
    with django_assert_num_queries(6):
        response = coordinator.get(results_url(held))
    assert response.content.decode().count("Session: Extra") == sessions
