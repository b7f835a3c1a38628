"""Feeder and transition links: the primary schools whose pupils go on to a secondary school."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class FeederLink(models.Model):
    """`feeder` (a primary school) sends pupils on to `receiver` (a secondary school)."""

    class Kind(models.TextChoices):
        FEEDER = "feeder", "Feeder school"
        TRANSITION = "transition", "Transition partner"

    feeder = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="feeds")
    receiver = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="fed_by")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.FEEDER)
    note = models.CharField(
        max_length=200, blank=True, help_text="E.g. a shared Year 6 to 7 transition programme."
    )

    class Meta:
        ordering = ["feeder__name", "receiver__name"]
        constraints = [
            models.UniqueConstraint(fields=["feeder", "receiver"], name="feeder_link_unique"),
            models.CheckConstraint(
                condition=~Q(feeder=models.F("receiver")), name="feeder_link_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feeder_id} feeds {self.receiver_id}"
