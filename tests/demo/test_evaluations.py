"""The demo's evaluations: most attendees answer, deterministically, and never twice."""

import datetime
import random

from django.utils import timezone

from demo.evaluations import seed_evaluations
from events.models import Attendance
from feedback.evaluation import SHOWN_FROM, results
from feedback.models import Answer, Respondent, Response
from programme.models import Session, Slot
from tests.factories import EventFactory, PersonFactory


def held_event(people=12):
    start = timezone.now() - datetime.timedelta(days=3)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    slot = Slot.objects.create(
        event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    Session.objects.create(slot=slot, title="Opening keynote", kind=Session.Kind.KEYNOTE)
    for index in range(people):
        status = Attendance.Status.ABSENT if index == 0 else Attendance.Status.ATTENDED
        Attendance.objects.create(event=event, person=PersonFactory(), status=status)
    return event


def answers_of(event):
    return sorted(
        Answer.objects.filter(response__event=event).values_list(
            "response__session__title", "question__text", "rating", "text"
        ),
        key=str,
    )


def test_most_attendees_answer_with_a_spread_of_ratings(db):
    event = held_event()
    answered = seed_evaluations(event, random.Random(7))
    assert SHOWN_FROM <= answered <= 11
    assert Respondent.objects.filter(event=event, session__isnull=True).count() == answered
    # Each answered the keynote too (alone in its slot).
    assert Response.objects.filter(event=event, session__isnull=False).count() == answered
    ratings = set(
        Answer.objects.filter(response__event=event, rating__isnull=False).values_list(
            "rating", flat=True
        )
    )
    assert len(ratings) >= 3
    absent = Attendance.objects.get(event=event, status=Attendance.Status.ABSENT).person
    assert not Respondent.objects.filter(person=absent).exists()
    assert results(event)[0].shown


def test_the_same_random_gives_the_same_answers_and_a_second_run_adds_none(db):
    first, second = held_event(), held_event()
    seed_evaluations(first, random.Random(3))
    seed_evaluations(second, random.Random(3))
    assert answers_of(first) == answers_of(second)
    assert seed_evaluations(first, random.Random(3)) == 0
    assert Response.objects.filter(event=first, session__isnull=True).count() == len(
        set(Respondent.objects.filter(event=first).values_list("person", flat=True))
    )
