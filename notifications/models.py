"""The outbox: every e-mail the portal sends is a row here before it is sent, and each person's
choice, per kind of notification, of on, off or a weekly digest."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    """What a message is about. The order is the order of the settings page."""

    INVITATION = "invitation", "Meeting invitations, changes and cancellations"
    REMINDER = "reminder", "Reminders 7 days and 1 day before a meeting"
    MINUTES = "minutes", "Minutes published"
    PLACE_OFFERED = "place_offered", "A place offered from the waiting list"
    GROUP_MESSAGE = "group_message", "Messages from coordinators and chairs"
    PROFILE_CHECK = "profile_check", "Yearly check of my school's profile"
    ROLE_REVIEW = "role_review", "A role ending or due for review"
    DIGEST = "digest", "The weekly digest"


class Choice(models.TextChoices):
    ON = "on", "Send each one"
    DIGEST = "digest", "Gather in the weekly digest"
    OFF = "off", "Do not send"


# What a person gets before they choose. The digest itself is opt-in.
DEFAULTS: dict[str, str] = dict.fromkeys(Kind.values, Choice.ON) | {Kind.DIGEST: Choice.OFF}
# Kinds that make no sense a week late: they are sent or not, never gathered.
NOT_DIGESTIBLE = {Kind.INVITATION, Kind.REMINDER, Kind.PLACE_OFFERED, Kind.DIGEST}


class Preference(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind)
    choice = models.CharField(max_length=10, choices=Choice)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="preference_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {self.get_choice_display()}"


class State(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    HELD = "held", "Held for the weekly digest"
    DIGESTED = "digested", "Sent in a digest"
    SKIPPED = "skipped", "Not sent (turned off, left or erased)"
    FAILED = "failed", "Failed (gave up)"


def new_message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


class MessageQuerySet(models.QuerySet["Message"]):
    def claimable(self, now) -> MessageQuerySet:
        """Due, waiting rows that no worker holds (or whose worker's lease ran out)."""
        return self.filter(state=State.QUEUED, next_attempt_at__lte=now).filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now)
        )


class Message(models.Model):
    """One e-mail to one person. Its Message-ID never changes, so a message sent twice (the
    worker died after the relay accepted it) is one message to the recipient's mail program."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="notification_messages"
    )
    kind = models.CharField(max_length=30, choices=Kind)
    # Why this person gets it, in words an admin can read ("member of the SEND network").
    reason = models.CharField(max_length=300)
    # One message per person per occasion: the tick may look at the same meeting every minute.
    key = models.CharField(max_length=200)
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the meeting starts, kept after the meeting is deleted: a deleted meeting still to
    # come is cancelled in the calendars it was sent to.
    event_starts_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=10, blank=True)
    message_id = models.CharField(max_length=200, unique=True, default=new_message_id)
    due_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="message_one_per_occasion")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="queued"),
                name="message_waiting_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person}"


class Heartbeat(models.Model):
    """When something last happened, by name: "worker" (it last ran a task; the admin shows it)
    and "started" (when notifications were switched on: what happened before is history, not
    news, and is never announced; see notifications.tick)."""

    name = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} seen {self.seen_at:%Y-%m-%d %H:%M}"
