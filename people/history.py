"""What changed in a person's profile and roles, field by field, for the history page.

Works on versions already loaded (no queries). The display of values is the schools history's
(choice labels, dates, Yes/No); contacts are shown only to those the person lets see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from people.models import Person, RoleAssignment
from schools.history import EMPTY, FieldChange, comparable, display, label_of

# Bookkeeping a reader does not need, and the account link (never shown on a page).
HIDDEN_FIELDS = {"id", "user", "updated_by", "created_at", "updated_at", "person"}
CONTACT_FIELDS = {"email", "telephone"}
HIDDEN_VALUE = "(not shown to you)"


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: str
    kind: str
    subject: str
    changes: list[FieldChange]


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and not field.many_to_many
        and field.name not in HIDDEN_FIELDS
    ]


def _value(record: Any, field: models.Field) -> Any:
    if record is None:
        return None
    if isinstance(field, models.ForeignKey):
        if getattr(record, field.attname) is None:
            return None
        try:
            return getattr(record, field.name)
        except field.related_model.DoesNotExist:
            return f"(removed, #{getattr(record, field.attname)})"
    return getattr(record, field.attname)


def _shown(field: models.Field, value: Any) -> str:
    if isinstance(field, models.FileField):
        return "a photo" if getattr(value, "name", value) else EMPTY
    return display(field, value)


def diff(
    model: type[models.Model], old: Any, new: Any, *, show_contacts: bool
) -> list[FieldChange]:
    """The fields of `model` that differ between two versions (old None: the first version)."""
    changes = []
    for field in _fields(model):
        before, after = _value(old, field), _value(new, field)
        if comparable(before) == comparable(after) or (old is None and not comparable(after)):
            continue
        if field.name in CONTACT_FIELDS and not show_contacts:
            old_text = new_text = HIDDEN_VALUE
        else:
            old_text, new_text = _shown(field, before), _shown(field, after)
        changes.append(FieldChange(field.name, label_of(field), old_text, new_text))
    return changes


def who(record: Any) -> str:
    """Who made a version: their name (the page is for people who may edit the profile)."""
    user = record.history_user
    if user is None:
        return "the system"
    person = getattr(user, "person", None)
    return person.display_name if person is not None else "an account without a profile"


def entries(
    records: list[Any],
    *,
    model: type[models.Model],
    show_contacts: bool = False,
    subject: Callable[[Any], str] | None = None,
    extra: Callable[[Any, Any], list[FieldChange]] | None = None,
) -> list[HistoryEntry]:
    """Each version of one row against the one before it; `records` newest first. `subject`
    names the row in a heading; `extra(older, record)` adds changes of its own (members)."""
    out = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = diff(model, older, record, show_contacts=show_contacts)
        if extra is not None:
            changes += extra(older, record)
        out.append(
            HistoryEntry(
                when=record.history_date,
                who=who(record),
                kind=record.get_history_type_display(),
                subject=subject(record) if subject else _subject(model, record),
                changes=changes,
            )
        )
    return out


def _subject(model: type[models.Model], record: Any) -> str:
    if model is Person:
        return "Profile"
    if model is RoleAssignment:
        role = RoleAssignment(role_type=record.role_type, specialism=record.specialism)
        return f"Role: {role}"
    return str(model._meta.verbose_name).capitalize()
