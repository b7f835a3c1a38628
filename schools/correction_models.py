"""A school's request to correct a fact of the public register, and its outcome.

The register's facts are read-only for schools. A school asks for a correction (field,
proposed value, reason); an admin approves or rejects it. An approved correction replaces the
register's value on the school's page and is kept here apart from it (`register_value`), so
when a later import of the register brings another value the correction is flagged for review
(`register_changed_to`) rather than silently overwritten or silently kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from schools.choices import CorrectionStatus


class SchoolCorrectionQuerySet(models.QuerySet["SchoolCorrection"]):
    def approved(self) -> SchoolCorrectionQuerySet:
        return self.filter(status=CorrectionStatus.APPROVED)

    def needing_review(self) -> SchoolCorrectionQuerySet:
        """Pending requests, and approved corrections the register has since changed."""
        return self.filter(
            Q(status=CorrectionStatus.PENDING)
            | Q(status=CorrectionStatus.APPROVED, register_changed_at__isnull=False)
        )

    def for_edit_page(self) -> SchoolCorrectionQuerySet:
        """A school's requests, newest first, with who asked and who decided: one query."""
        return self.select_related("requested_by__person", "decided_by__person").order_by(
            "-requested_at", "-pk"
        )


class SchoolCorrection(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="corrections"
    )
    field = models.CharField(max_length=40)
    # Values are stored as text in the form the register's import compares them (ISO dates,
    # choice keys); "" is no value.
    proposed_value = models.CharField("proposed value", max_length=300, blank=True)
    register_value = models.CharField("the register's value", max_length=300, blank=True)
    reason = models.TextField()
    status = models.CharField(
        max_length=20, choices=CorrectionStatus, default=CorrectionStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("note to the school", blank=True)
    # Set by the register's import when it brings a value other than `register_value` for an
    # approved correction: the correction stays in force until an admin reviews it.
    register_changed_to = models.CharField("the register's new value", max_length=300, blank=True)
    register_changed_at = models.DateTimeField("register changed on", null=True, blank=True)

    objects = SchoolCorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "field"],
                condition=Q(status=CorrectionStatus.APPROVED),
                name="school_correction_one_approved_per_field",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="school_correction_status_idx")]

    def __str__(self) -> str:
        return f"{self.field_label} of {self.school_id}: {self.proposed_value or '(empty)'}"

    @property
    def field_label(self) -> str:
        school_model = self._meta.get_field("school").related_model
        label = str(school_model._meta.get_field(self.field).verbose_name)
        return label[:1].upper() + label[1:]

    @property
    def needs_review(self) -> bool:
        return self.status == CorrectionStatus.APPROVED and self.register_changed_at is not None
