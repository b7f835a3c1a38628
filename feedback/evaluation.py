"""Reads of evaluations: the questions an event asks, who may answer, the sessions a person
attended, and the results an organiser sees.

Results keep answers anonymous: a group (the event, or one session) with fewer than
SHOWN_FROM responses shows nothing but its count, ratings are shown only as counts and
averages, and free-text answers are sorted by their text, never in the order they came in.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from alliance.lib.nested import json_rows
from events.models import Attendance, Event
from feedback.models import Answer, EventQuestion, Question, Respondent, Response
from partnerships.charts import Chart, bars
from programme.models import Choice, Session

# The fewest responses a group shows: fewer could point at who said what.
SHOWN_FROM = 3
# How long after an event its evaluation stays open.
OPEN_FOR = datetime.timedelta(days=60)
RATINGS = [1, 2, 3, 4, 5]
RATING_LABELS = {1: "1 (poor)", 2: "2", 3: "3", 4: "4", 5: "5 (excellent)"}

# Asked when the organiser has chosen nothing: (text, about each session).
DEFAULT_QUESTIONS = [
    ("Overall, how useful was this event?", False),
    ("How well was it organised?", False),
    ("What will you do differently as a result?", False),
    ("What could be better next time?", False),
    ("How useful was the talk or workshop?", True),
    ("How likely are you to use what you learned?", True),
]


@dataclass(frozen=True)
class Asked:
    """The questions of an event's form: about the event, and about each session."""

    event: list[Question]
    session: list[Question]
    chosen: bool  # False when these are the defaults


def questions_for(event: Event) -> Asked:
    """The event's chosen questions in order, or the default set: one query, that reads the
    questions chosen for the event and the default ones, each with its places on the event's
    form (a question may be asked about the event and about each session)."""
    chosen_here = EventQuestion.objects.filter(event=event, question=OuterRef("pk"))
    defaults = [text for text, _ in DEFAULT_QUESTIONS]
    found = list(
        Question.objects.filter(Q(Exists(chosen_here)) | Q(text__in=defaults, is_active=True))
        .annotate(
            places=json_rows(chosen_here, link="question", fields=["id", "order", "per_session"])
        )
        .order_by()
    )
    places = sorted(
        (
            (place["order"], place["id"], question, bool(place["per_session"]))
            for question in found
            for place in question.places or []
        ),
        key=lambda row: row[:2],
    )
    if places:
        return Asked(
            event=[q for _, _, q, each in places if not each],
            session=[q for _, _, q, each in places if each],
            chosen=True,
        )
    library = {q.text: q for q in found}
    asked = [(library[text], each) for text, each in DEFAULT_QUESTIONS if text in library]
    return Asked(
        event=[q for q, each in asked if not each],
        session=[q for q, each in asked if each],
        chosen=False,
    )


def is_open(event: Event, now: datetime.datetime | None = None) -> bool:
    """From the event's start until OPEN_FOR after its end, unless it was called off."""
    now = now or timezone.now()
    return not event.is_cancelled and event.starts_at <= now <= event.ends_at + OPEN_FOR


def has_attended(person, event: Event) -> bool:
    """Whether the person was marked attended at the event's roll call: read with the event's
    row when it was fetched for this person (events.views.access), else one query."""
    if person is None:
        return False
    if "attended" in event.__dict__:
        return event.attended
    return Attendance.objects.filter(
        event=event, person=person, status=Attendance.Status.ATTENDED
    ).exists()


def has_answered(person, event: Event) -> bool:
    return Respondent.objects.filter(event=event, person=person, session__isnull=True).exists()


def sessions_attended(person, event: Event) -> list[Session]:
    """The sessions the person went to: those they had a confirmed place in, and those alone
    in their slot (a keynote everyone goes to), breaks aside. One query, whatever the number
    of sessions: the place comes with each session's row."""
    sessions = (
        Session.objects.filter(slot__event=event)
        .exclude(kind=Session.Kind.BREAK)
        .select_related("slot")
        .annotate(
            in_slot=Count("slot__sessions", distinct=True),
            placed=Exists(
                Choice.objects.filter(
                    session=OuterRef("pk"), person=person, status=Choice.Status.CONFIRMED
                )
            ),
        )
        .order_by("slot__starts_at", "strand", "title", "pk")
    )
    return [s for s in sessions if s.placed or s.in_slot == 1]


# Results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingResult:
    question: str
    count: int
    average: float
    distribution: list[tuple[int, int]]  # (rating, how many)
    chart: Chart


@dataclass(frozen=True)
class TextResult:
    question: str
    answers: list[tuple[str, str]]  # (text, the name where the respondent chose to give it)


@dataclass
class GroupResult:
    """The results of the event, or of one of its sessions."""

    title: str
    slug: str
    responses: int
    ratings: list[RatingResult] = field(default_factory=list)
    texts: list[TextResult] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.responses >= SHOWN_FROM


def _rating(question: Question, ratings: list[int], slug: str) -> RatingResult:
    counts = Counter(ratings)
    distribution = [(value, counts[value]) for value in RATINGS]
    average = round(sum(ratings) / len(ratings), 1) if ratings else 0.0
    plural = "" if len(ratings) == 1 else "s"
    return RatingResult(
        question=question.text,
        count=len(ratings),
        average=average,
        distribution=distribution,
        chart=Chart(
            title=question.text,
            slug=f"{slug}-q{question.pk}",
            caption=f"Average {average} out of 5 from {len(ratings)} rating{plural}; "
            "the bars count each rating from 1 (poor) to 5 (excellent).",
            category="Rating",
            unit="Responses",
            bars=bars([(RATING_LABELS[v], n) for v, n in distribution], keep_empty=True),
        ),
    )


def _group(title, slug, responses, asked, answers) -> GroupResult:
    group = GroupResult(title=title, slug=slug, responses=responses)
    if not group.shown:
        return group  # Nothing of the answers leaves this function.
    by_question: dict[int, list[Answer]] = defaultdict(list)
    questions = {q.pk: q for q in asked}
    for answer in answers:
        by_question[answer.question_id].append(answer)
        questions.setdefault(answer.question_id, answer.question)
    for question in questions.values():
        found = by_question.get(question.pk, [])
        if question.kind == Question.Kind.RATING:
            ratings = [a.rating for a in found if a.rating]
            group.ratings.append(_rating(question, ratings, slug))
        else:
            texts = sorted(
                (
                    (a.text, a.response.person.display_name if a.response.person else "")
                    for a in found
                    if a.text.strip()
                ),
                key=lambda pair: (pair[0].casefold(), pair[1]),
            )
            group.texts.append(TextResult(question=question.text, answers=texts))
    return group


def results(event: Event) -> list[GroupResult]:
    """The event's results, then each session's that has responses. Three queries (questions,
    responses counted per session with the session's title, answers), whatever the number of
    responses and sessions; two when no group has enough responses to show."""
    asked = questions_for(event)
    counted = list(
        Response.objects.filter(event=event)
        .values_list("session_id", "session__title")
        .annotate(n=Count("pk"))
        .order_by(
            F("session__slot__starts_at").asc(nulls_first=True),
            "session__strand",
            "session__title",
            "session_id",
        )
    )
    counts = {session_id: n for session_id, _, n in counted}
    sessions = [(session_id, title) for session_id, title, _ in counted if session_id is not None]
    shown = {None} | {pk for pk, _ in sessions if counts[pk] >= SHOWN_FROM}
    answers: dict[int | None, list[Answer]] = defaultdict(list)
    if counts.get(None, 0) >= SHOWN_FROM or len(shown) > 1:
        for answer in Answer.objects.filter(response__event=event).select_related(
            "question", "response__person"
        ):
            answers[answer.response.session_id].append(answer)
    groups = [_group("The event", "event", counts.get(None, 0), asked.event, answers[None])]
    groups += [
        _group(title, f"session-{pk}", counts[pk], asked.session, answers[pk])
        for pk, title in sessions
    ]
    return groups
