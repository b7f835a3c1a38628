"""A register fact as text and back: the form corrections store, compare and show.

The text is the one the register's import compares (registers.gias.as_text): "" for no value,
ISO dates, choice keys, E.164 telephone numbers.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from schools.choices import FactSource
from schools.models import CORRECTABLE_FIELDS, School

EMPTY = "(empty)"


def fact_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "as_e164"):
        return value.as_e164 if value.is_valid() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def fact_value(field: str, text: str) -> Any:
    """The model value of `text` for School.`field` (None for "" where the field allows it)."""
    model_field = School._meta.get_field(field)
    if text == "":
        return None if model_field.null else ""
    return model_field.to_python(text)


def fact_display(field: str, text: str) -> str:
    """As a page shows it: choice labels, long dates, "(empty)"."""
    if text == "":
        return EMPTY
    model_field = School._meta.get_field(field)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(text, text))
    if isinstance(model_field, models.DateField):
        try:
            return date_format(datetime.date.fromisoformat(text), "j F Y")
        except ValueError:
            return text
    return text


def correction_note(field: str, note: dict) -> str:
    """ "corrected by the alliance on 3 December 2026; the DfE register says Primary"."""
    on = fact_display("closed_on", note.get("on", ""))
    register = fact_display(field, note.get("register", ""))
    return f"{FactSource.CORRECTION.label} on {on}; the DfE register says {register}"


def check_fact(school: School, field: str, value: Any) -> None:
    """Raise ValidationError when `value` cannot be `school`'s `field`: the model's own checks
    and constraints on that field (and its partner in the age range), nothing else."""
    candidate = School.objects.model(**{f.attname: getattr(school, f.attname) for f in _fields()})
    candidate._state.adding = False
    setattr(candidate, field, value)
    keep = {field} | (AGE_FIELDS if field in AGE_FIELDS else set())
    candidate.full_clean(exclude=[f.name for f in _fields() if f.name not in keep])


AGE_FIELDS = {"statutory_low_age", "statutory_high_age"}


def _fields() -> list[models.Field]:
    return list(School._meta.concrete_fields)


def register_facts(school: School) -> list[dict[str, str]]:
    """Each register fact a school may ask to correct, as the edit page lists it: its label,
    value and where the value comes from. No queries."""
    from schools.history import label_of

    if school.register_imported_at is not None:
        imported = date_format(timezone.localtime(school.register_imported_at), "j F Y")
        from_register = f"from the DfE register, imported on {imported}"
    else:
        from_register = "not imported from the DfE register yet"
    rows = []
    for name in CORRECTABLE_FIELDS:
        if name in school.corrected_fields:
            source = correction_note(name, school.corrected_fields[name])
        elif name in school.school_set_fields:
            source = FactSource.SCHOOL.label
        else:
            source = from_register
        rows.append(
            {
                "name": name,
                "label": label_of(School._meta.get_field(name)),
                "value": fact_display(name, fact_text(getattr(school, name))),
                "source": source,
            }
        )
    return rows


def fact_sources(school: School) -> dict[str, str]:
    """School.fact_sources with each corrected fact's note ("corrected by the alliance on ...;
    the DfE register says ...") in place of its source. No queries."""
    sources = school.fact_sources
    for field, note in school.corrected_fields.items():
        sources[field] = correction_note(field, note)
    return sources
