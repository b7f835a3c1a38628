"""Evaluations: after an event or one of its sessions, those who attended answer a short form
(ratings and free text, questions set per event from a small library).

Anonymous by default: a Response names its respondent only when they chose to be named. Who
has answered is kept apart, in Respondent, with no link to the answers, so that a person
answers once and an organiser cannot join the two.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Question(models.Model):
    """A question in the library; an event's form picks from it."""

    class Kind(models.TextChoices):
        RATING = "rating", "Rating (1 to 5)"
        TEXT = "text", "Free text"

    text = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.RATING)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "text"]

    def __str__(self) -> str:
        return self.text


class EventQuestion(models.Model):
    """A question on an event's evaluation form, in order; for the event or for each of its
    sessions."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="evaluation_questions"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    per_session = models.BooleanField(
        default=False, help_text="Asked about each session attended rather than the event."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "question", "per_session"], name="event_question_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.question)


class Respondent(models.Model):
    """That a person has answered the event's (or a session's) form: never which answers."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(session__isnull=True),
                name="respondent_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(session__isnull=False),
                name="respondent_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} answered"


class Response(models.Model):
    """One filled-in form. `person` is set only when the respondent chose to be named; the
    date (not the time) is kept, so the order of answers does not betray who gave them."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    session = models.ForeignKey(
        "programme.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_responses",
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField()

    def __str__(self) -> str:
        return f"Evaluation of {self.session or self.event}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or self.text[:40]}"
