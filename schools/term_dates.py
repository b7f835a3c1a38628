"""Loading a year's term dates from a CSV file: all of it, or nothing with each bad line named.

The file has a header and one row per half term, holiday or INSET day (or run of them):

    kind,name,first_day,last_day
    term,Autumn 1,2026-09-02,2026-10-23
    holiday,October half term,2026-10-26,2026-10-30
    inset,,2026-09-01,2026-09-01

The owner (a school, a local authority, or the alliance) is chosen on the import page, not in
the file. Loading replaces the owner's rows in the school years the file covers, so a
corrected file can be loaded again.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from schools.calendar import school_year
from schools.models import School
from schools.term_models import TermPeriod, TermPeriodKind

HEADER = ["kind", "name", "first_day", "last_day"]
KINDS = {
    "term": TermPeriodKind.TERM,
    "half term": TermPeriodKind.TERM,
    "holiday": TermPeriodKind.HOLIDAY,
    "inset": TermPeriodKind.INSET,
    "inset day": TermPeriodKind.INSET,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
MAX_ROWS = 200


@dataclass
class TermDatesPlan:
    periods: list[TermPeriod] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def years(self) -> set[int]:
        return {school_year(p.first_day) for p in self.periods}


def _date(text: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_term_dates(
    content: bytes, *, school: School | None = None, local_authority: str = ""
) -> TermDatesPlan:
    """Every row of the file as an unsaved TermPeriod of the owner, or the errors by line."""
    plan = TermDatesPlan()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        plan.errors.append((1, "The file is not text in UTF-8: save it as CSV UTF-8."))
        return plan
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header != HEADER:
        plan.errors.append((1, f"The first line must be the header {','.join(HEADER)}."))
        return plan
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(plan.periods) + len(plan.errors) >= MAX_ROWS:
            plan.errors.append((line, f"A file holds at most {MAX_ROWS} rows."))
            break
        if len(cells) != len(HEADER):
            plan.errors.append((line, f"Expected {len(HEADER)} cells, found {len(cells)}."))
            continue
        kind_text, name, first_text, last_text = (cell.strip() for cell in cells)
        kind = KINDS.get(kind_text.lower())
        first, last = _date(first_text), _date(last_text)
        if kind is None:
            plan.errors.append((line, f"{kind_text!r} is not term, holiday or inset."))
        elif first is None or last is None:
            bad = first_text if first is None else last_text
            plan.errors.append((line, f"{bad[:40]!r} is not a date like 2026-09-02."))
        elif last < first:
            plan.errors.append((line, "The last day is before the first."))
        elif school_year(first) != school_year(last):
            plan.errors.append((line, "A row cannot run from one school year into the next."))
        elif len(name) > 100:
            plan.errors.append((line, "The name is longer than 100 characters."))
        else:
            plan.periods.append(
                TermPeriod(
                    school=school,
                    local_authority="" if school else local_authority,
                    kind=kind,
                    name=name,
                    first_day=first,
                    last_day=last,
                )
            )
    if not plan.periods and not plan.errors:
        plan.errors.append((2, "The file has no dates."))
    return plan


@transaction.atomic
def term_dates_replace(
    *, plan: TermDatesPlan, school: School | None = None, local_authority: str = ""
) -> int:
    """Replace the owner's rows in the school years the plan covers; returns rows saved."""
    if plan.errors:
        raise ValueError("A plan with errors is never saved.")
    owned = TermPeriod.objects.filter(
        school=school, local_authority="" if school else local_authority
    )
    for row in owned:
        if school_year(row.first_day) in plan.years:
            row.delete()
    for period in plan.periods:
        try:
            period.full_clean()
        except ValidationError as error:  # the reader checks the same; kept for the contract
            raise ValueError(str(error)) from error
    TermPeriod.objects.bulk_create(plan.periods)
    return len(plan.periods)
