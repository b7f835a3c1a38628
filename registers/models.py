"""What the public register (GIAS) says about each school, kept apart from what the school says.

The School row holds the facts the pages show. `RegisterRecord.values` holds the value of each
School field as last imported from the register: when the school's value differs, the school
changed it itself, and the next import leaves it alone (and says so).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class RegisterRecord(models.Model):
    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="register_record"
    )
    urn = models.CharField("URN", max_length=6, unique=True)
    # School field name -> the value the register gave it at the last import (as text/JSON).
    values = models.JSONField(default=dict, blank=True)
    # Register column -> raw text, for the columns the portal reads.
    raw = models.JSONField(default=dict, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    last_changed = models.DateField("last changed in the register", null=True, blank=True)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["urn"]

    def __str__(self) -> str:
        return f"Register record {self.urn}"


class RegisterLink(models.Model):
    """A predecessor/successor pair from the register's links file."""

    predecessor_urn = models.CharField(max_length=6)
    successor_urn = models.CharField(max_length=6)
    predecessor = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessor_links",
    )
    link_type = models.CharField(max_length=100, blank=True)
    established_on = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-established_on", "predecessor_urn"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor_urn", "successor_urn"], name="register_link_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor_urn=models.F("successor_urn")),
                name="register_link_not_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_urn} -> {self.successor_urn}"


class ImportJob(models.Model):
    """One run of the register import through the web, done by the task worker
    (registers.jobs): a dry run first (the preview), then, when confirmed, the real import of
    the same stored file. Everything the job page shows is in this row, so it survives a reload.
    """

    class Kind(models.TextChoices):
        ESTABLISHMENTS = "establishments", "Establishments"
        LINKS = "links", "Links"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        REFUSED = "refused", "Refused"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The upload's name in default_storage; empty once it is deleted (after the real import,
    # a refusal, or when the uploader sends another file instead of confirming).
    file_name = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    dry_run = models.BooleanField(default=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    stage = models.CharField(max_length=16, blank=True)  # "checking", then "writing"
    rows_done = models.PositiveIntegerField(default=0)
    # While checking: an estimate from the file's line count; while writing: exact.
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    # What the preview shows: the blanked facts, the first rows that change, "and N more".
    report = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)  # [[line, reason], ...] of a refusal
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The real import points to the dry run it confirms (one confirmation per preview).
    preview = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="confirmed_as"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        what = "Preview" if self.dry_run else "Import"
        return f"{what} of the register ({self.kind}), {self.get_state_display().lower()}"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
