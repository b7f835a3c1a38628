"""Writes of evaluations: the organiser's choice of questions, and one person's answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from events.models import Event
from feedback.models import Answer, EventQuestion, Question, Respondent, Response


class EvaluationError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Part:
    """The answers about the event (session None) or about one session."""

    session: object | None  # programme.models.Session
    answers: list[tuple[Question, int | None, str]]  # (question, rating, text)


@transaction.atomic
def event_questions_set(
    *, event: Event, chosen: list[tuple[Question, bool, int]]
) -> list[EventQuestion]:
    """Replace the event's questions with `chosen`: (question, about each session, order).
    An empty list goes back to the default set."""
    EventQuestion.objects.filter(event=event).delete()
    rows = [
        EventQuestion(event=event, question=question, per_session=each, order=order)
        for question, each, order in chosen
    ]
    for row in rows:
        row.full_clean(validate_unique=False, validate_constraints=False)
    return EventQuestion.objects.bulk_create(rows)


def evaluation_submit(
    *, event: Event, person, parts: list[Part], named: bool, today: datetime.date
) -> None:
    """Record that `person` answered, and their answers: a Respondent per part (who), kept
    apart from the Response per part (what), which names the person only when `named`.

    Raises EvaluationError("answered") when the person has already answered the event.
    """
    try:
        with transaction.atomic():
            if Respondent.objects.filter(event=event, person=person, session__isnull=True).exists():
                raise EvaluationError("answered", "You have already answered this evaluation.")
            for part in parts:
                Respondent.objects.create(event=event, session=part.session, person=person)
            for part in parts:
                response = Response.objects.create(
                    event=event,
                    session=part.session,
                    person=person if named else None,
                    submitted_on=today,
                )
                Answer.objects.bulk_create(
                    Answer(response=response, question=question, rating=rating, text=text)
                    for question, rating, text in part.answers
                    if rating is not None or text
                )
    except IntegrityError as error:  # Two submissions at once: the second finds the first.
        raise EvaluationError("answered", "You have already answered this evaluation.") from error
