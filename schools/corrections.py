"""Corrections of register facts: a school asks, an admin approves or rejects, and the
register's import flags an approved correction when the register's value changes.

Each write is one transaction. An approved (or withdrawn) correction changes the school's row
with one history entry whose reason says so, and bumps the profile's version so an edit begun
before it is refused rather than silently overwriting it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from schools.choices import CorrectionStatus, UpdatedByRole
from schools.facts import check_fact, fact_text, fact_value
from schools.models import CORRECTABLE_FIELDS, School, SchoolCorrection


class CorrectionRefused(Exception):
    """The correction cannot be decided this way (already decided, or not under review)."""


@transaction.atomic
def correction_request(
    *, school: School, field: str, proposed_value: Any, reason: str, by: Any
) -> SchoolCorrection:
    """Record a school's request to correct `field` to `proposed_value` (a model value)."""
    if field not in CORRECTABLE_FIELDS:
        raise ValueError(f"{field!r} is not a register fact a school may ask to correct.")
    return SchoolCorrection.objects.create(
        school=school,
        field=field,
        proposed_value=fact_text(proposed_value),
        register_value=fact_text(getattr(school, field)),
        reason=reason,
        requested_by=by,
    )


def _locked(correction: SchoolCorrection, *statuses: str) -> tuple[SchoolCorrection, School]:
    locked = SchoolCorrection.objects.select_for_update().get(pk=correction.pk)
    if locked.status not in statuses:
        raise CorrectionRefused(f"Its state is “{locked.get_status_display()}”.")
    return locked, School.objects.select_for_update().get(pk=locked.school_id)


def _write_fact(school: School, field: str, text: str, *, by: Any, reason: str) -> None:
    """Set one register fact on the school's row, with its history entry and a new version."""
    value = fact_value(field, text)
    check_fact(school, field, value)
    setattr(school, field, value)
    school.version += 1  # The row is locked: no save can come in between.
    school.updated_by = by
    school.updated_by_role = UpdatedByRole.ADMIN
    school._change_reason = reason
    school.save()
    school.refresh_from_db(fields=["version"])


@transaction.atomic
def correction_approve(*, correction: SchoolCorrection, by: Any, note: str = "") -> None:
    """The proposed value replaces the register's on the school's row; the register's value is
    kept on the correction (and in School.corrected_fields for the page's note)."""
    correction, school = _locked(correction, CorrectionStatus.PENDING)
    earlier = SchoolCorrection.objects.approved().filter(school=school, field=correction.field)
    earlier = earlier.select_for_update().first()
    if earlier is not None:
        # The register's value is the one the earlier correction replaced (or its new one).
        correction.register_value = (
            earlier.register_changed_to if earlier.register_changed_at else earlier.register_value
        )
        earlier.status = CorrectionStatus.SUPERSEDED
        earlier.save(update_fields=["status"])
    elif correction.field not in school.corrected_fields:
        correction.register_value = fact_text(getattr(school, correction.field))
    school.corrected_fields = {
        **school.corrected_fields,
        correction.field: {
            "register": correction.register_value,
            "on": timezone.localdate().isoformat(),
        },
    }
    _write_fact(
        school,
        correction.field,
        correction.proposed_value,
        by=by,
        reason=f"Correction approved: {correction.field_label}"[:100],
    )
    _decide(correction, CorrectionStatus.APPROVED, by=by, note=note)


@transaction.atomic
def correction_reject(*, correction: SchoolCorrection, by: Any, note: str = "") -> None:
    correction, _ = _locked(correction, CorrectionStatus.PENDING)
    _decide(correction, CorrectionStatus.REJECTED, by=by, note=note)


@transaction.atomic
def correction_keep(*, correction: SchoolCorrection, by: Any) -> None:
    """After the register changed: the correction still holds against its new value."""
    correction, school = _locked(correction, CorrectionStatus.APPROVED)
    if correction.register_changed_at is None:
        raise CorrectionRefused("The register has not changed since this correction.")
    correction.register_value = correction.register_changed_to
    correction.register_changed_to = ""
    correction.register_changed_at = None
    correction.decided_by = by
    correction.decided_at = timezone.now()
    correction.save()
    note = {**school.corrected_fields.get(correction.field, {})}
    note["register"] = correction.register_value
    corrected = {**school.corrected_fields, correction.field: note}
    School.objects.filter(pk=school.pk).update(corrected_fields=corrected)


@transaction.atomic
def correction_withdraw(*, correction: SchoolCorrection, by: Any) -> None:
    """The register's value (its new one when it changed) replaces the correction."""
    correction, school = _locked(correction, CorrectionStatus.APPROVED)
    register = (
        correction.register_changed_to
        if correction.register_changed_at
        else correction.register_value
    )
    corrected = {k: v for k, v in school.corrected_fields.items() if k != correction.field}
    school.corrected_fields = corrected
    _write_fact(
        school,
        correction.field,
        register,
        by=by,
        reason=f"Correction withdrawn: {correction.field_label} as the register has it",
    )
    _decide(correction, CorrectionStatus.WITHDRAWN, by=by, note=correction.decision_note)


def _decide(correction: SchoolCorrection, status: str, *, by: Any, note: str) -> None:
    correction.status = status
    correction.decided_by = by
    correction.decided_at = timezone.now()
    correction.decision_note = note
    correction.save()


def corrections_in_force(school_ids: list[int]) -> dict[tuple[int, str], SchoolCorrection]:
    """The approved corrections of these schools by (school id, field): one query."""
    rows = SchoolCorrection.objects.approved().filter(school_id__in=school_ids)
    return {(row.school_id, row.field): row for row in rows}


def corrections_flag(corrections: list[SchoolCorrection]) -> None:
    """Store the register's new values the import found on these corrections: one query."""
    if corrections:
        SchoolCorrection.objects.bulk_update(
            corrections, ["register_changed_to", "register_changed_at"], batch_size=500
        )


def register_changed(correction: SchoolCorrection, new: str, *, now: Any) -> bool:
    """Note that the register now gives `new` for the corrected fact; True when that is news
    (neither the value the correction replaced nor one already flagged)."""
    if new == correction.register_value and correction.register_changed_at is None:
        return False
    if correction.register_changed_at is not None and new == correction.register_changed_to:
        return False
    if new == correction.register_value:
        # The register went back to the value the correction replaced: nothing to review.
        correction.register_changed_to, correction.register_changed_at = "", None
        return True
    correction.register_changed_to, correction.register_changed_at = new, now
    return True
