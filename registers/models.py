"""What the public register (GIAS) says about each school, kept apart from what the school says.

The School row holds the facts the pages show. `RegisterRecord.values` holds the value of each
School field as last imported from the register: when the school's value differs, the school
changed it itself, and the next import leaves it alone (and says so).
"""

from __future__ import annotations

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
