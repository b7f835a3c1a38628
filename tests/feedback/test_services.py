"""The evaluation services: answered once, who kept apart from what, questions replaced."""

import pytest
from django.utils import timezone

from feedback.evaluation import questions_for
from feedback.models import Answer, EventQuestion, Question, Respondent, Response
from feedback.services import EvaluationError, Part, evaluation_submit, event_questions_set
from tests.factories import PersonFactory


def submit(event, person, *, named=False, parts=None):
    useful = Question.objects.get(text="Overall, how useful was this event?")
    better = Question.objects.get(text="What could be better next time?")
    evaluation_submit(
        event=event,
        person=person,
        parts=parts or [Part(session=None, answers=[(useful, 4, ""), (better, None, "")])],
        named=named,
        today=timezone.localdate(),
    )


def test_a_second_submission_is_refused_and_changes_nothing(held):
    person = PersonFactory()
    submit(held, person)
    with pytest.raises(EvaluationError) as refused:
        submit(held, person, named=True)
    assert refused.value.code == "answered"
    assert Response.objects.count() == 1 and Response.objects.get().person is None


def test_a_race_on_the_unique_respondent_is_refused_too(held, monkeypatch):
    """Two requests that both passed the check: the constraint refuses the second, as the
    same domain error, and its rows roll back."""
    person = PersonFactory()
    submit(held, person)
    exists = Respondent.objects.filter(person=person)
    monkeypatch.setattr(type(exists), "exists", lambda self: False)
    with pytest.raises(EvaluationError):
        submit(held, person)
    monkeypatch.undo()
    assert Response.objects.count() == 1


def test_empty_text_answers_are_not_stored_and_nothing_links_who_to_what(held):
    person = PersonFactory()
    submit(held, person)
    assert list(Answer.objects.values_list("rating", "text")) == [(4, "")]
    response = Response.objects.get()
    respondent = Respondent.objects.get()
    assert response.person is None and respondent.person == person
    field_names = {f.name for f in Respondent._meta.get_fields()}
    assert "response" not in field_names and "responses" not in field_names


def test_choosing_questions_replaces_them_and_an_empty_choice_restores_the_defaults(held):
    organised = Question.objects.get(text="How well was it organised?")
    event_questions_set(event=held, chosen=[(organised, False, 1)])
    asked = questions_for(held)
    assert asked.chosen and asked.event == [organised] and asked.session == []
    event_questions_set(event=held, chosen=[])
    assert not EventQuestion.objects.exists()
    defaults = questions_for(held)
    assert not defaults.chosen and len(defaults.event) == 4 and len(defaults.session) == 2
