"""CSV imports of a school's people (with their roles) and a partnership's member schools.

Each import reads the whole file, validates every row with a form, and plans what it would do
(create, update, unchanged). One bad row means nothing is written and every bad row is listed
with its reason. Applying a plan re-reads nothing: `apply_*` get the validated plan. Importing
the same file twice plans "unchanged" for every row the second time.

django-import-export was considered: a row here creates or updates two models (a person and a
role assignment) matched by keys scoped to one school or partnership, with access decided per
school; plain csv + forms states that in less code than its resource hooks.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django import forms

from registers.files import CsvFileError, looks_like_formula, open_text

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


@dataclass
class PlannedRow:
    line: int
    label: str
    action: str  # create, update, unchanged
    changes: list[str] = field(default_factory=list)
    apply: Any = None  # what to write, filled by the planner


@dataclass
class Plan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({line for line, _reason in self.errors})

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ("create", "update", "unchanged")}

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


def read_rows(binary, *, columns: list[str], required: list[str]) -> list[tuple[int, dict]]:
    """(line, {column: text}) for every non-empty row; refuses a file missing columns."""
    text, _encoding = open_text(binary)
    reader = csv.reader(text)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
        rows = []
        for line, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                rows.append((line, cells))
    except StopIteration:
        raise CsvFileError("The file is empty.") from None
    except csv.Error as error:
        raise CsvFileError(f"This is not a readable CSV file ({error}).") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvFileError(
            f"The column(s) {', '.join(missing)} are missing. Start from the template."
        )
    if not rows:
        raise CsvFileError("The file has its header but no rows.")
    index = {name: i for i, name in enumerate(header) if name in columns}
    return [
        (line, {name: cells[i].strip() if i < len(cells) else "" for name, i in index.items()})
        for line, cells in rows
    ]


def read_text(content: str, **kwargs) -> list[tuple[int, dict]]:
    return read_rows(io.BytesIO(content.encode("utf-8")), **kwargs)


def formula_errors(values: dict) -> list[str]:
    return [
        f"{name} starts with {text[0]!r}: formulas are not accepted."
        for name, text in values.items()
        if looks_like_formula(text)
    ]


def form_errors(form: forms.Form) -> list[str]:
    return [
        f"{name}: {message}" if name != "__all__" else message
        for name, messages in form.errors.items()
        for message in messages
    ]


def lookup(entries, text: str):
    """A vocabulary entry by name, abbreviation or slug, ignoring case."""
    text = text.strip().lower()
    for entry in entries:
        names = {entry.name.lower(), entry.slug.lower(), getattr(entry, "abbreviation", "").lower()}
        if text in names - {""}:
            return entry
    return None
