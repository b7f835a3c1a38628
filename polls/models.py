"""Availability polls: a coordinator or chair proposes dates for a meeting of a partnership or
network group, its members answer yes / if need be / no to each, and the chosen date becomes
the meeting."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse

MIN_OPTIONS = 2
MAX_OPTIONS = 8


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    IF_NEED_BE = "if_need_be", "If need be"
    NO = "no", "No"


class PollQuerySet(models.QuerySet["Poll"]):
    def open(self) -> PollQuerySet:
        return self.filter(closed_at__isnull=True)

    def for_page(self) -> PollQuerySet:
        """A poll page's row: its partnership, group (with chair) and the meeting it made."""
        return self.select_related("partnership", "network_group", "event")


class Poll(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="polls"
    )
    network_group = models.ForeignKey(
        "partnerships.NetworkGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="polls",
        help_text="Empty for a meeting of the whole partnership.",
    )
    title = models.CharField(max_length=150)
    duration_minutes = models.PositiveSmallIntegerField(
        "length in minutes", default=90, help_text="How long the meeting lasts."
    )
    venue = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The meeting the poll fixed.",
    )

    objects = PollQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15, duration_minutes__lte=600),
                name="poll_duration_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("polls:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def options_with_answers(self) -> list[PollOption]:
        """The dates with every answer and who gave it: two queries, whatever their number."""
        answers = PollAnswer.objects.select_related("person").order_by(
            "person__last_name", "person__first_name", "pk"
        )
        return list(self.options.prefetch_related(Prefetch("answers", queryset=answers)))


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "starts_at"], name="poll_option_unique_time")
        ]

    def __str__(self) -> str:
        return f"{self.poll}: {self.starts_at:%Y-%m-%d %H:%M}"


class PollAnswer(models.Model):
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=12, choices=Answer)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "person"], name="poll_answer_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_answer_display()} ({self.option})"


def newest_open_poll(of: str) -> dict:
    """Annotations for a Partnership (`of="partnership"`) or NetworkGroup (`of="group"`)
    queryset naming each row's newest open poll (`open_poll_pk`, `open_poll_title`), read
    with the row itself: the home page lists the polls of "my partnerships and groups"
    without a query of its own. A partnership's own polls only, not its groups'."""
    polls = Poll.objects.open().order_by("-created_at", "-pk")
    if of == "group":
        polls = polls.filter(network_group=models.OuterRef("pk"))
    else:
        polls = polls.filter(partnership=models.OuterRef("pk"), network_group__isnull=True)
    return {
        "open_poll_pk": models.Subquery(polls.values("pk")[:1]),
        "open_poll_title": models.Subquery(polls.values("title")[:1]),
    }
