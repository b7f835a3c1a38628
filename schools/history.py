"""What changed in a school's profile, field by field, in words a reader understands.

Used by the history page (one version against the one before) and by a refused save (what the
other person changed against what you typed). Everything here works on rows already loaded:
no queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.formats import date_format
from phonenumber_field.phonenumber import PhoneNumber

from schools.models import School

# Bookkeeping fields that change on every save and mean nothing to a reader.
HIDDEN_FIELDS = {
    "id",
    "version",
    "updated_by",
    "updated_by_role",
    "school_set_fields",
    "corrected_fields",
    "register_imported_at",
    "profile_confirmed_at",
    "created_at",
    "updated_at",
}

EMPTY = "(empty)"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def profile_fields() -> list[models.Field]:
    """The School fields a reader may see change, in the model's order."""
    return [
        field
        for field in School._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and field.name not in HIDDEN_FIELDS
    ]


def label_of(field: models.Field) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def comparable(value: Any) -> Any:
    """A value two versions can be compared by: ids for people, text for phones and files."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, PhoneNumber):
        return value.as_e164 if value.is_valid() else str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if value is None:
        return ""
    if (
        isinstance(value, (list, tuple, set, frozenset))
        or hasattr(value, "__iter__")
        and not (isinstance(value, str))
    ):
        return frozenset(comparable(item) for item in value)
    return value


def display(field: models.Field, value: Any) -> str:
    """A value as the page shows it: choice labels, names, dates, Yes/No."""
    if isinstance(field, models.ManyToManyField):
        names = sorted(str(person) for person in value)
        return ", ".join(names) if names else "(nobody)"
    if value is None or value == "":
        return EMPTY
    if isinstance(field, (models.FileField,)):
        return "a logo" if getattr(value, "name", value) else EMPTY
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField):
        return date_format(value, "j F Y")
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def diff_versions(
    old: Any, new: Any, *, old_editors: Sequence[Any], new_editors: Sequence[Any]
) -> list[FieldChange]:
    """Field changes between two historical records (old may be None: the first version).

    The historical `headteacher` must be select_related and the editors passed in (the people
    of each version's editor rows) so that no query is made here.
    """
    changes = []
    for field in profile_fields():
        if isinstance(field, models.ManyToManyField):
            before, after = old_editors, new_editors
        elif isinstance(field, models.ForeignKey):
            before = _fk(old, field) if old is not None else None
            after = _fk(new, field)
        else:
            before = getattr(old, field.attname) if old is not None else None
            after = getattr(new, field.attname)
        if comparable(before) != comparable(after) and (old is not None or comparable(after)):
            changes.append(
                FieldChange(
                    field.name, label_of(field), display(field, before), display(field, after)
                )
            )
    return changes


def _fk(record: Any, field: models.ForeignKey) -> Any:
    if getattr(record, field.attname) is None:
        return None
    try:
        return getattr(record, field.name) or f"(removed, #{getattr(record, field.attname)})"
    except field.related_model.DoesNotExist:
        return f"(removed, #{getattr(record, field.attname)})"


def field_by_name(name: str) -> models.Field:
    return School._meta.get_field(name)


def describe(names: Iterable[str], values: dict[str, Any]) -> dict[str, str]:
    """Display values of the named School fields: {"phase": "Primary"}."""
    return {name: display(field_by_name(name), values.get(name)) for name in names}
