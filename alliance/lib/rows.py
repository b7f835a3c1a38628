"""Adding a row the way services do: checked in full before it is written."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

Row = TypeVar("Row", bound=models.Model)


def create_checked(model: type[Row], **values) -> Row:
    """A new `model` row with `values`, saved only once full_clean() passes (its fields, its
    constraints and the model's clean()); otherwise the ValidationError says what is wrong and
    nothing is written."""
    row = model(**values)
    row.full_clean()
    row.save()
    return row
