"""Writes to a school's profile: one save, one history entry, never a silent overwrite."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from alliance.permissions import is_admin, person_of
from people.models import Person
from schools.history import comparable, display, field_by_name, label_of
from schools.models import CORRECTABLE_FIELDS, REGISTER_FIELDS, School, UpdatedByRole


@dataclass(frozen=True)
class ConflictingField:
    """A field someone else changed since you opened the form: their value against yours."""

    field: str
    label: str
    theirs: str
    yours: str


class SchoolEditConflict(Exception):
    """The profile was saved by someone else after the editor opened the form."""

    code = "edit_conflict"

    def __init__(self, *, current: School, fields: list[ConflictingField]) -> None:
        super().__init__("This profile was changed by someone else while you were editing it.")
        self.current = current
        self.fields = fields


def updated_by_role(*, user: Any, school: School) -> str:
    """The role in which `user` edits `school`, most specific first."""
    person = person_of(user)
    if person is not None and school.headteacher_id == person.pk:
        return UpdatedByRole.HEADTEACHER
    if person is not None and school.editors.filter(pk=person.pk).exists():
        return UpdatedByRole.EDITOR
    if is_admin(user):
        return UpdatedByRole.ADMIN
    return ""


def _new_value(field: models.Field, value: Any, current: Any) -> tuple[bool, Any]:
    """(changed, value to store) for one posted field value against the stored one."""
    if isinstance(field, models.FileField):
        if value is False:  # "clear" ticked
            return bool(current), ""
        if value is None or isinstance(value, FieldFile):  # no new upload
            return False, current
        return True, value
    return comparable(value) != comparable(current), value


@transaction.atomic
def school_update(
    *,
    school: School,
    values: Mapping[str, Any],
    expected_version: int,
    by: Any,
) -> list[str]:
    """Save `values` (field name -> cleaned value; "editors" -> people) to `school`.

    Refused with SchoolEditConflict when the profile's version is no longer `expected_version`
    (someone saved in between); the check and the version bump are one conditional UPDATE, so it
    holds on SQLite and PostgreSQL alike. Register facts the school sets are remembered as the
    school's own (School.school_set_fields). Returns the names of the fields that changed; when
    nothing changed nothing is written and no history entry is made.
    """
    if read_only := set(values) & set(CORRECTABLE_FIELDS):
        # Register facts change only through an approved correction (schools.corrections).
        raise ValueError(f"Register facts are read-only here: {sorted(read_only)}")
    current = School.objects.select_for_update().get(pk=school.pk)
    if current.version != expected_version:
        raise _conflict(current=current, values=values, expected_version=expected_version)

    changed: dict[str, Any] = {}
    for name, value in values.items():
        if name == "editors":
            continue
        is_changed, new = _new_value(field_by_name(name), value, getattr(current, name))
        if is_changed:
            changed[name] = new
    editors = values.get("editors")
    editors_changed = editors is not None and comparable(list(editors)) != comparable(
        list(current.editors.all())
    )
    if not changed and not editors_changed:
        return []

    bumped = School.objects.filter(pk=current.pk, version=expected_version).update(
        version=models.F("version") + 1
    )
    if not bumped:  # Lost the race to a save that started after we read the row.
        current = School.objects.get(pk=school.pk)
        raise _conflict(current=current, values=values, expected_version=expected_version)

    role = updated_by_role(user=by, school=current)
    for name, value in changed.items():
        setattr(current, name, value)
    current.version = expected_version + 1
    current.updated_by = by if by.is_authenticated else None
    current.updated_by_role = role
    current.school_set_fields = sorted(
        set(current.school_set_fields) | (set(changed) & set(REGISTER_FIELDS))
    )
    current.full_clean()
    if editors_changed:
        # Set the editors without a history entry of their own, so the save below records the
        # whole change (fields and editors) as one version.
        current.skip_history_when_saving = True
        try:
            current.editors.set(list(editors))
        finally:
            del current.skip_history_when_saving
    current.save()
    school.refresh_from_db()
    return [*changed, *(["editors"] if editors_changed else [])]


def _conflict(
    *, current: School, values: Mapping[str, Any], expected_version: int
) -> SchoolEditConflict:
    """What the other person changed since `expected_version`, next to what this editor typed.

    Compares the history entry of the version the editor started from with the profile as it
    is now; without that entry (history trimmed) every field that differs from the typed value
    is listed.
    """
    base = (
        current.history.filter(version=expected_version)
        .select_related("headteacher")
        .order_by("-history_id")
        .first()
    )
    fields = []
    for name, yours in values.items():
        field = field_by_name(name)
        if name == "editors":
            theirs_value = list(current.editors.all())
            base_value = (
                list(Person.objects.filter(pk__in=base.editors.values("person"))) if base else None
            )
        elif isinstance(field, models.ForeignKey):
            theirs_value = getattr(current, name)
            base_value = getattr(base, field.attname) if base else None
        else:
            theirs_value = getattr(current, name)
            base_value = getattr(base, name) if base else None
        if isinstance(field, models.FileField) and (yours is None or isinstance(yours, FieldFile)):
            yours = theirs_value
        if base is not None:
            they_changed = comparable(base_value) != comparable(theirs_value)
        else:
            they_changed = comparable(yours) != comparable(theirs_value)
        if they_changed:
            fields.append(
                ConflictingField(
                    field=name,
                    label=label_of(field),
                    theirs=display(field, theirs_value),
                    yours=display(field, list(yours) if name == "editors" else yours),
                )
            )
    return SchoolEditConflict(current=current, fields=fields)


def school_profile_confirm(*, school: School, person: Person) -> bool:
    """`person`, the school's headteacher, says its profile is still right: the date shows on
    the school page as "Last confirmed". Nothing else changes (no version, no history row).
    False when `person` is not (or no longer) its headteacher."""
    return bool(
        School.objects.filter(pk=school.pk, headteacher=person).update(
            profile_confirmed_at=timezone.now()
        )
    )
