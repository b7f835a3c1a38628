"""Evaluations answered at demo events: most of those marked attended answer, with ratings
spread as real ones are (mostly 4s and 5s, a few low), some free text and a few names.

Deterministic for a given random.Random, and idempotent: an event that has answers already is
left as it is, so building the demo twice changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from demo.conference import DEMO_STAFF, PAST_CONFERENCE
from events.models import Attendance, Event
from feedback import evaluation
from feedback.models import Question, Respondent
from feedback.services import Part, evaluation_submit
from people.models import Person

ANSWER_SHARE = 0.8
NAMED_SHARE = 0.15
TEXT_SHARE = 0.45
# Weights of ratings 1 to 5.
RATING_WEIGHTS = [3, 7, 20, 40, 30]
TEXTS = {
    "What will you do differently as a result?": [
        "Use bar models for fractions with my Year 4 class.",
        "Plan reasoning starters into every maths lesson.",
        "Share the moderation examples with my phase team.",
        "Try the paired talk routine before independent work.",
    ],
    "What could be better next time?": [
        "More time for the workshops, less for the introductions.",
        "A copy of the slides beforehand.",
        "Parking at the venue was hard to find.",
        "Longer break between sessions.",
    ],
    "What was the most useful part?": [
        "Seeing examples of pupils' work from other schools.",
        "The discussion with colleagues from the other cluster.",
    ],
    "What would you like a future event to cover?": [
        "Adaptive teaching for pupils with SEND.",
        "Assessment without levels in foundation subjects.",
    ],
}


def _answers(questions: list[Question], rng: random.Random) -> list[tuple]:
    answers = []
    for question in questions:
        if question.kind == Question.Kind.RATING:
            rating = rng.choices(range(1, 6), weights=RATING_WEIGHTS)[0]
            answers.append((question, rating, ""))
        else:
            options = TEXTS.get(question.text, [])
            text = rng.choice(options) if options and rng.random() < TEXT_SHARE else ""
            answers.append((question, None, text))
    return answers


def seed_evaluations(event: Event, rng: random.Random, *, leave_out: set[int] = frozenset()) -> int:
    """Answer `event`'s evaluation for most people marked attended there (the event and each
    session they went to). Returns how many answered; 0 if the event has answers already."""
    if Respondent.objects.filter(event=event).exists():
        return 0
    asked = evaluation.questions_for(event)
    attended = (
        Attendance.objects.filter(event=event, status=Attendance.Status.ATTENDED)
        .select_related("person")
        .order_by("person_id")
    )
    answered_on = min(event.ends_at.date() + datetime.timedelta(days=1), timezone.localdate())
    count = 0
    for mark in attended:
        if rng.random() >= ANSWER_SHARE or mark.person_id in leave_out:
            continue
        parts = [Part(session=None, answers=_answers(asked.event, rng))]
        if asked.session:
            for session in evaluation.sessions_attended(mark.person, event):
                parts.append(Part(session=session, answers=_answers(asked.session, rng)))
        evaluation_submit(
            event=event,
            person=mark.person,
            parts=parts,
            named=rng.random() < NAMED_SHARE,
            today=answered_on,
        )
        count += 1
    return count


def build_evaluations(builder) -> None:
    """The alliance's past conference and the latest other held meeting get their evaluations
    answered; the demo staff login, who went to the conference, is left to answer it."""
    now = builder._at(builder.today, 0)
    held = (
        Event.objects.filter(
            starts_at__lt=now,
            attendances__status=Attendance.Status.ATTENDED,
            cancelled_at__isnull=True,
        )
        .exclude(title=PAST_CONFERENCE)
        .distinct()
        .order_by("-starts_at", "pk")
    )
    events = [*Event.objects.filter(title=PAST_CONFERENCE), *held[:1]]
    leave_out = set(Person.objects.filter(user__email=DEMO_STAFF).values_list("pk", flat=True))
    rng = random.Random(2026)
    for event in events:
        builder.created += seed_evaluations(event, rng, leave_out=leave_out)
