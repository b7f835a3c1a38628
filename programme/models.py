"""An event's programme: time slots, the sessions in them (a keynote alone in its slot, or
parallel workshops and presentations), each person's choice of one session per slot, and the
contributions an organiser asks member schools for.

A slot with one session needs no choice: everyone registered for the event goes. A slot with
several asks each registered person to pick one; a session with a capacity confirms choices
while it has places and puts the rest on its waiting list (programme.services keeps that
under concurrent requests).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class Slot(models.Model):
    """A stretch of the event's day: "Keynote", "Workshops 1", "Lunch"."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="slots")
    title = models.CharField(max_length=120, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.starts_at:%H:%M}"

    def clean(self) -> None:
        super().clean()
        event = self.event if self.event_id else None
        if event is None or not (self.starts_at and self.ends_at):
            return
        if self.starts_at < event.starts_at or self.ends_at > event.ends_at:
            raise ValidationError("A slot lies within its event's start and end.")


class Session(models.Model):
    class Kind(models.TextChoices):
        KEYNOTE = "keynote", "Keynote"
        WORKSHOP = "workshop", "Workshop"
        PRESENTATION = "presentation", "Presentation"
        PANEL = "panel", "Panel"
        BREAK = "break", "Break"

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.WORKSHOP)
    title = models.CharField(max_length=200)
    strand = models.CharField(
        max_length=80, blank=True, help_text="The parallel strand, e.g. 'Early years', 'SEND'."
    )
    description = models.TextField(blank=True, help_text="Markdown.")
    room = models.CharField(max_length=120, blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    presenters = models.ManyToManyField(
        "people.Person", blank=True, related_name="presented_sessions"
    )

    class Meta:
        ordering = ["slot__starts_at", "strand", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"pk": self.pk})


class SessionDocument(models.Model):
    """Slides or handouts of a session; validated by content on upload as event documents are
    (events.documents)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="programme/documents/")
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Choice(models.Model):
    """A registered person's session in a slot: confirmed, or waiting for a place."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"

    # The slot is the session's, kept on the row so that "one choice per slot" is a constraint.
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="choices")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="choices")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="session_choices"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a place came free and went to this choice from the waiting list (they are told).
    promoted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "person"], name="choice_one_per_slot")
        ]
        indexes = [models.Index(fields=["session", "status"], name="choice_session_status_idx")]

    def __str__(self) -> str:
        return f"{self.person} in {self.session}"


class ContributionRequest(models.Model):
    """An organiser's request to each member school for a contribution to a meeting (seed 002:
    "one five-minute presentation per school"). The agenda assembles from the answers."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="contribution_requests"
    )
    prompt = models.TextField(help_text="What each school is asked for.")
    minutes_each = models.PositiveSmallIntegerField("minutes per school", null=True, blank=True)
    due_on = models.DateField("answer by", null=True, blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Contributions to {self.event}"


class Contribution(models.Model):
    """A school's answer: its topic and presenter, or that it will not contribute."""

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        DECLINED = "declined", "Declined"

    request = models.ForeignKey(
        ContributionRequest, on_delete=models.CASCADE, related_name="contributions"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="contributions"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.OFFERED)
    topic = models.CharField(max_length=200, blank=True)
    presenter = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    answered_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "school__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "school"], name="contribution_one_per_school"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school}: {self.topic or self.get_status_display()}"
