"""Events and meetings: who hosts, who chairs, who comes, and what was said."""

from __future__ import annotations

import datetime
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance.lib.urls import reverse_row
from alliance.lib.visibility import PublishedOrSignedIn


class EventKind(models.TextChoices):
    NETWORK_MEETING = "network_meeting", "Network meeting"
    YEAR_GROUP_MEETING = "year_group_meeting", "Year-group meeting"
    CONFERENCE = "conference", "Conference"
    CPD = "cpd", "CPD/training"
    REVIEW_DAY = "review_day", "School review day"
    MODERATION = "moderation", "Moderation"
    STAFF_MEETING = "staff_meeting", "Staff meeting"
    PUPIL_EVENT = "pupil_event", "Pupil event"


# An event lasts at most this long (a residential, a conference over several days); a longer
# programme is several events. The bound lets "upcoming" and "in this month" read the start-time
# index from a point instead of walking past every event that ever ended.
MAX_DURATION = datetime.timedelta(days=14)


# Who sees an event: the list filter and events.rules.can_view_event both read this.
VISIBILITY = PublishedOrSignedIn("is_published")


# Kinds where people answer "going" or "can't attend" (an RSVP) rather than take one of a
# limited number of places (a Registration, which conferences, training and pupil events keep).
MEETING_KINDS = frozenset(
    {
        EventKind.NETWORK_MEETING,
        EventKind.YEAR_GROUP_MEETING,
        EventKind.MODERATION,
        EventKind.STAFF_MEETING,
    }
)


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(is_published=True)

    def not_cancelled(self) -> EventQuerySet:
        return self.filter(cancelled_at__isnull=True)

    def visible_to(self, user) -> EventQuerySet:
        return VISIBILITY.filter(self, user)

    def upcoming(self) -> EventQuerySet:
        """Events not yet over (those under way included) and not called off, soonest first.
        A cancelled event keeps its page, marked "Cancelled", but is no longer "coming up"."""
        now = timezone.now()
        return (
            self.filter(ends_at__gte=now, starts_at__gt=now - MAX_DURATION)
            .not_cancelled()
            .order_by("starts_at")
        )

    def past(self) -> EventQuerySet:
        now = timezone.now()
        return self.filter(ends_at__lt=now, starts_at__lt=now).order_by("-starts_at")

    def between(
        self, start: datetime.datetime | None, end: datetime.datetime | None
    ) -> EventQuerySet:
        """Events that overlap [start, end); either bound may be open."""
        qs = self
        if start is not None:
            qs = qs.filter(ends_at__gt=start, starts_at__gt=start - MAX_DURATION)
        if end is not None:
            qs = qs.filter(starts_at__lt=end)
        return qs

    def for_person(self, person) -> EventQuerySet:
        """ "My events": registered (not cancelled), going, chairing, minute-taking or at my
        school."""
        if person is None:
            return self.none()
        mine = (
            Q(chair=person)
            | Q(minute_taker=person)
            | Q(
                pk__in=Registration.objects.filter(person=person)
                .exclude(status=Registration.Status.CANCELLED)
                .values("event_id")
            )
            | Q(
                pk__in=Rsvp.objects.filter(person=person, answer=Rsvp.Answer.GOING).values(
                    "event_id"
                )
            )
        )
        if person.school_id:
            mine |= Q(host_school_id=person.school_id)
        return self.filter(mine)

    def for_directory(self) -> EventQuerySet:
        """The event list's rows: only what a row shows, with the names of its host school,
        partnership and group joined (a school row alone has some fifty columns). One query."""
        return self.select_related("host_school", "partnership", "network_group").only(
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "venue",
            "is_published",
            "cancelled_at",
            "host_school__name",
            "partnership__name",
            "network_group__name",
        )

    def for_list(self) -> EventQuerySet:
        """The rows of the event list, month view and feeds: one query, whatever the rows."""
        return self.select_related(
            "host_school", "partnership", "network_group__partnership", "chair", "minute_taker"
        )


class Occasion(models.Model):
    """Simultaneous meetings held as one ("town-wide writing evening"): each keeps its own
    host and roll call, and the occasion's page reports them together."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occasions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:occasion", kwargs={"pk": self.pk})


class Event(models.Model):
    kind = models.CharField(max_length=30, choices=EventKind, default=EventKind.NETWORK_MEETING)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # Indexed with the start (Meta.indexes), which serves lookups by the key alone too.
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    network_group = models.ForeignKey(
        "partnerships.NetworkGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    host_school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
    )
    venue = models.CharField(max_length=300, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    chair = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_events",
    )
    minute_taker = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minuted_events",
        verbose_name="minute-taker",
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    is_published = models.BooleanField("published", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The event's identity in every calendar it reaches (feeds, .ics files, invitations): the
    # same whatever host name the portal was reached under. See events.ical.calendar_identity.
    uid = models.UUIDField("calendar identifier", default=uuid.uuid4, unique=True, editable=False)
    # Called off: the page stays (marked "Cancelled", with the reason) and the invitees get a
    # calendar cancellation; events.services.event_call_off sets all three together.
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    cancel_reason = models.CharField("reason", max_length=300, blank=True, editable=False)
    # Minutes are a draft (for the chair, the minute-taker and the organisers) until published.
    minutes_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    occasion = models.ForeignKey(
        Occasion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text="Held at the same time as other meetings, as one occasion.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]
        indexes = [
            # "Upcoming" reads from a start bound and tests the end in the index itself, so the
            # events that began in the last fortnight and are over cost no table reads.
            models.Index(fields=["starts_at", "ends_at"], name="event_starts_ends_idx"),
            # The same for the events still on, which is what "upcoming" counts and lists; with
            # the key, so the list's capped count and its page of keys read the index alone.
            models.Index(
                fields=["starts_at", "ends_at", "id"],
                condition=Q(cancelled_at__isnull=True),
                name="event_live_starts_ends_idx",
            ),
            # A partnership's and a group's meetings over a period (participation, the
            # partnership page's chart); they also serve the foreign keys' own lookups.
            models.Index(fields=["partnership", "starts_at"], name="event_partnership_starts_idx"),
            models.Index(fields=["network_group", "starts_at"], name="event_group_starts_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_row("events:detail", pk=self.pk)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_meeting(self) -> bool:
        """Answered with an RSVP (going / can't attend), not a registration for a place."""
        return self.kind in MEETING_KINDS

    @property
    def minutes_published(self) -> bool:
        return self.minutes_published_at is not None

    def has_happened(self, now: datetime.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at - self.starts_at > MAX_DURATION:
            raise ValidationError(
                {
                    "ends_at": f"An event lasts at most {MAX_DURATION.days} days; "
                    "add a longer programme as separate events."
                }
            )


def document_upload_to(instance: EventDocument, filename: str) -> str:
    """A random name: the uploader's file name never reaches the file system or a URL."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"events/documents/{uuid.uuid4().hex}{suffix}"


class EventDocument(models.Model):
    """A minutes or agenda document. Validated by content on upload (events.documents) and
    served only through events:document, which checks who may see the event's minutes."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_upload_to)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:document", kwargs={"pk": self.event_id, "doc_pk": self.pk})


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a person's private calendar feed URL. Regenerating it revokes the old URL;
    deleting it switches the feed off."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("events:feed_person", kwargs={"token": self.token})


class Rsvp(models.Model):
    """A person's answer to a meeting: going, or can't attend (apologies, with a reason)."""

    class Answer(models.TextChoices):
        GOING = "going", "Going"
        APOLOGIES = "apologies", "Can't attend"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="rsvps")
    answer = models.CharField(max_length=20, choices=Answer)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "RSVP"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_answer_display()} ({self.event})"


class Attendance(models.Model):
    """Who came to a meeting, marked by its chair or minute-taker at the roll call."""

    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Absent with apologies"
        ABSENT = "absent", "Absent"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="attendances"
    )
    # The person's school at the time: the participation report counts the school they came for.
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )
    status = models.CharField(max_length=20, choices=Status)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="attendance_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()} ({self.event})"


class MinuteActionQuerySet(models.QuerySet["MinuteAction"]):
    def open(self) -> MinuteActionQuerySet:
        return self.filter(status=MinuteAction.Status.OPEN)

    def published(self) -> MinuteActionQuerySet:
        """Actions of published minutes: those the members may read."""
        return self.filter(event__minutes_published_at__isnull=False)

    def for_list(self) -> MinuteActionQuerySet:
        """Rows with their owner and meeting's title: one query."""
        return self.select_related("owner", "event").order_by("due_on", "pk")


class MinuteAction(models.Model):
    """An action agreed at a meeting and recorded with its minutes; carried into the agenda
    of the group's (or partnership's) next meetings until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField("action", max_length=300)
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minute_actions",
    )
    due_on = models.DateField("due", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MinuteActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse_row("events:detail", pk=self.event_id) + "#actions"
