"""Import the register's establishment extract: create or update schools by URN.

The register's facts land on School fields only where the school has not written its own value
(see `school_wrote_it`); RegisterRecord keeps what the register said. The whole file is read
and checked first (`RegisterImporter.read`): one bad line refuses the file and nothing is
written. Then rows are written in batches of `BATCH`, each costing a handful of queries, inside
one transaction, and the search index takes the schools written in the same transaction. A dry
run rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from alliance.lib.copying import copy_create, copy_update
from registers.files import CsvFileError
from registers.gias import (
    HeaderError,
    RegisterRow,
    RowError,
    add_coordinates,
    as_text,
    column_index,
    parse_row,
)
from registers.models import RegisterRecord
from registers.structure import CheckedReader, FileRefused, Problem
from schools.corrections import corrections_flag, corrections_in_force, register_changed
from schools.models import School
from schools.signals import schools_written

BATCH = 1000
# progress(stage, rows done, rows in all): "checking" (all unknown yet), then "writing".
Progress = Callable[[str, int, int | None], None]
DETAIL_LIMIT = 500  # Rows whose changes the report lists one by one (blanked facts: all).
CHANGE_REASON = "Imported from the public register (GIAS)"
REVIEW = "approved correction(s) to review: the register's value changed"
RECORD_FIELDS = [
    "values",
    "raw",
    "easting",
    "northing",
    "latitude",
    "longitude",
    "last_changed",
    "imported_at",
]


@dataclass
class RowOutcome:
    line: int
    urn: str
    name: str
    action: str  # created, updated, unchanged
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # fields the school wrote itself
    # Corrected fields whose register value changed: the correction is flagged for review.
    flagged: list[str] = field(default_factory=list)

    @property
    def blanked(self) -> list[tuple[str, str]]:
        """(field, value) of each fact this row empties: the register says it has none."""
        return [(name, old) for name, old, new in self.changes if old and not new]


@dataclass
class ImportReport:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows outside --urn/--la
    kept_school_values: int = 0
    corrections_to_review: int = 0
    rows: list[RowOutcome] = field(default_factory=list)

    def add(self, outcome: RowOutcome) -> None:
        setattr(self, outcome.action, getattr(self, outcome.action) + 1)
        self.kept_school_values += len(outcome.kept)
        self.corrections_to_review += len(outcome.flagged)
        detailed = outcome.action != "unchanged" or outcome.kept or outcome.flagged
        if outcome.blanked or (detailed and len(self.rows) < DETAIL_LIMIT):
            self.rows.append(outcome)

    @property
    def blanking(self) -> list[RowOutcome]:
        """The rows that empty a fact the portal holds, each listed with its fields."""
        return [row for row in self.rows if row.blanked]

    def summary(self) -> str:
        verb = "Would have" if self.dry_run else "Done:"
        return (
            f"{verb} created {self.created}, updated {self.updated}, unchanged {self.unchanged}"
            + (f", skipped {self.skipped} outside the selection" if self.skipped else "")
            + f"; kept {self.kept_school_values} value(s) the schools wrote themselves"
            + " (in rows the register changed)"
            + (f"; {self.corrections_to_review} {REVIEW}" if self.corrections_to_review else "")
            + "."
        )


# The schools app may record the register fields a school set through its edit page
# (School.school_set_fields) and when the register last fed a school (register_imported_at,
# updated_by_role): when the model has them, the import honours and maintains them too.
_SCHOOL_FIELDS = {f.name for f in School._meta.get_fields()}
_STAMPS = [name for name in ("register_imported_at", "updated_by_role") if name in _SCHOOL_FIELDS]


def school_wrote_it(school: School, name: str, current: str, last: dict | None) -> bool:
    """Whether the school's current value of `name` is its own rather than the register's.

    A field the schools app recorded as set by the school is its own. With a previous import:
    the school changed the value if it differs from what the register said last time. Without
    one (a school created in the portal before it was linked to the register): any value other
    than empty or the model's default is the school's.
    """
    if name in getattr(school, "school_set_fields", ()):
        return True
    if last is not None and name in last:
        return current != last[name]
    if current == "":
        return False
    model_field = School._meta.get_field(name)
    return not (model_field.has_default() and as_text(model_field.get_default()) == current)


def _float(value: object) -> float | None:
    return float(value) if value else None


def _stored(name: str, value: object) -> object:
    if value is None and not School._meta.get_field(name).null:
        return ""
    return value


class _Batch:
    """One batch of rows: read what exists in 2 queries, decide, write in bulk."""

    def __init__(self, importer: RegisterImporter, rows: list[RegisterRow]) -> None:
        self.importer = importer
        self.rows = rows
        self.new_schools: list[School] = []
        self.new_records: list[RegisterRecord] = []
        self.changed_schools: list[School] = []
        self.changed_fields: set[str] = set()
        self.changed_records: list[RegisterRecord] = []
        self.corrections: dict = {}
        self.flagged: list = []

    def run(self) -> None:
        """3 queries per batch: records, the schools that may change, slugs (by the caller)."""
        urns = [row.urn for row in self.rows]
        records = {r.urn: r for r in RegisterRecord.objects.filter(urn__in=urns)}
        add_coordinates(self.rows)
        # A row the register has not changed since the last import changes nothing, whatever
        # the school did meanwhile (its own values are kept anyway): no need to load the school.
        pending = []
        for row in self.rows:
            record = records.get(row.urn)
            if record is not None and self.same_as_record(row, record):
                self.importer.report.add(
                    RowOutcome(row.line, row.urn, str(row.values["name"]), "unchanged")
                )
            else:
                pending.append(row)
        if not pending:
            return
        linked = [records[r.urn].school_id for r in pending if r.urn in records]
        unlinked = [r.urn for r in pending if r.urn not in records]
        schools = School.objects.filter(Q(pk__in=linked) | Q(urn__in=unlinked))
        by_pk = {school.pk: school for school in schools}
        by_urn = {school.urn: school for school in by_pk.values()}
        self.corrections = corrections_in_force(list(by_pk))
        for row in pending:
            record = records.get(row.urn)
            school = by_pk.get(record.school_id) if record else by_urn.get(row.urn)
            if school is None:
                self.create(row)
            else:
                self.update(row, school, record)
        if not self.importer.dry_run:
            self.write()

    def same_as_record(self, row: RegisterRow, record: RegisterRecord) -> bool:
        return all(getattr(record, key) == value for key, value in self.record_values(row).items())

    def record_values(self, row: RegisterRow) -> dict:
        return {
            "values": {name: as_text(value) for name, value in row.values.items()},
            "raw": row.raw,
            "easting": row.easting,
            "northing": row.northing,
            "latitude": _float(row.values.get("latitude")),
            "longitude": _float(row.values.get("longitude")),
            "last_changed": row.last_changed,
        }

    def stamp(self, school: School) -> None:
        if "register_imported_at" in _STAMPS:
            school.register_imported_at = self.importer.now
        if "updated_by_role" in _STAMPS:
            school.updated_by_role = "register"

    def create(self, row: RegisterRow) -> None:
        school = School(
            urn=row.urn,
            slug=self.importer.slug_for(row),
            **{name: _stored(name, value) for name, value in row.values.items()},
        )
        self.stamp(school)
        self.new_schools.append(school)
        record = RegisterRecord(
            school=school, urn=row.urn, imported_at=self.importer.now, **self.record_values(row)
        )
        self.new_records.append(record)
        self.importer.report.add(RowOutcome(row.line, row.urn, str(row.values["name"]), "created"))

    def update(self, row: RegisterRow, school: School, record: RegisterRecord | None) -> None:
        last = record.values if record else None
        outcome = RowOutcome(row.line, row.urn, school.name, "unchanged")
        for name, value in row.values.items():
            current, new = as_text(getattr(school, name)), as_text(value)
            correction = self.corrections.get((school.pk, name))
            if correction is not None:
                # An approved correction is never overwritten; a new register value puts it
                # back in front of an admin (schools.corrections).
                if register_changed(correction, new, now=self.importer.now):
                    self.flagged.append(correction)
                    if correction.register_changed_at is not None:
                        outcome.flagged.append(name)
                continue
            if current == new:
                continue
            if school_wrote_it(school, name, current, last):
                outcome.kept.append(name)
                continue
            setattr(school, name, _stored(name, value))
            outcome.changes.append((name, current, new))
            self.changed_fields.add(name)
        if outcome.changes:
            school.updated_at = self.importer.now
            self.stamp(school)
            self.changed_schools.append(school)
        facts = self.record_values(row)
        if record is None:
            record = RegisterRecord(
                school=school, urn=row.urn, imported_at=self.importer.now, **facts
            )
            self.new_records.append(record)
            outcome.action = "updated"
        elif not self.same_as_record(row, record):
            for key, value in facts.items():
                setattr(record, key, value)
            record.imported_at = self.importer.now
            self.changed_records.append(record)
            outcome.action = "updated"
        if outcome.changes or outcome.flagged:
            outcome.action = "updated"
        self.importer.report.add(outcome)

    def write(self) -> None:
        """New rows go by COPY on PostgreSQL (alliance.lib.copying); every school written gets
        a history version with the import's change reason."""
        history = School.history
        if self.new_schools:
            copy_create(self.new_schools)
            history.bulk_history_create(self.new_schools, default_change_reason=CHANGE_REASON)
            for record in self.new_records:
                record.school_id = record.school.pk
        if self.changed_schools:
            fields = [*sorted(self.changed_fields), "updated_at", *_STAMPS]
            copy_update(self.changed_schools, fields)
            history.bulk_history_create(
                self.changed_schools, update=True, default_change_reason=CHANGE_REASON
            )
        self.importer.written += [school.pk for school in self.new_schools]
        self.importer.written += [school.pk for school in self.changed_schools]
        copy_create(self.new_records)
        copy_update(self.changed_records, RECORD_FIELDS)
        corrections_flag(self.flagged)


class RegisterImporter:
    def __init__(
        self,
        *,
        dry_run: bool,
        urns: Iterable[str] = (),
        las: Iterable[str] = (),
        progress: Progress | None = None,
    ) -> None:
        self.dry_run = dry_run
        self.urns = set(urns)
        self.las = {la.strip().lower() for la in las}
        self.progress = progress
        self.report = ImportReport(dry_run=dry_run)
        self.now = timezone.now()
        self.slugs_taken: set[str] = set()
        self.written: list[int] = []  # pks of the schools created or changed
        self.pending_slugs: dict[str, RegisterRow] = {}

    def wanted(self, row: RegisterRow) -> bool:
        if self.urns and row.urn not in self.urns:
            return False
        la_name = row.raw.get("LA (name)", "").lower()
        return not self.las or row.la_code in self.las or la_name in self.las

    def slug_for(self, row: RegisterRow) -> str:
        base = slugify(str(row.values["name"]))[:200] or row.urn
        slug = base if base not in self.slugs_taken else f"{base}-{row.urn}"
        self.slugs_taken.add(slug)
        return slug

    def reserve_slugs(self, rows: list[RegisterRow]) -> None:
        """Load which of this batch's candidate slugs other schools already use: 1 query."""
        candidates = {slugify(str(r.values["name"]))[:200] for r in rows}
        self.slugs_taken.update(
            School.objects.filter(slug__in=candidates).values_list("slug", flat=True)
        )

    def read(self, text: TextIO) -> list[RegisterRow]:
        """Every row of the file, checked before anything is written; the selected ones.

        Raises FileRefused naming every bad line: a row cut short or with an open quote, a
        file that ends inside a row, a cell the register should not contain, a URN given
        twice. Rows outside --urn/--la are checked too: the file is right or it is refused.
        """
        reader = CheckedReader(text)
        try:
            index = column_index(reader.header)
        except HeaderError as error:
            raise CsvFileError(str(error)) from None
        problems = reader.problems
        first_line: dict[str, int] = {}
        rows: list[RegisterRow] = []
        count = 0
        for line, cells in reader:
            count += 1
            try:
                row = parse_row(cells, index, line)
            except RowError as error:
                problems.append(Problem(line, str(error)))
                continue
            if row.urn in first_line:
                earlier = first_line[row.urn]
                problems.append(Problem(line, f"URN {row.urn} is also on line {earlier}."))
                continue
            first_line[row.urn] = line
            if self.wanted(row):
                rows.append(row)
            else:
                self.report.skipped += 1
            if self.progress and count % BATCH == 0:
                self.progress("checking", count, None)
        if problems:
            raise FileRefused(problems)
        if count == 0:
            raise CsvFileError("The file has its header but no rows.")
        return rows

    def run(self, text: TextIO) -> ImportReport:
        rows = self.read(text)
        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                self.reserve_slugs(batch)
                _Batch(self, batch).run()
                if self.progress:
                    self.progress("writing", start + len(batch), len(rows))
            if self.dry_run:
                transaction.set_rollback(True)
            elif self.written:
                # bulk_create/bulk_update send no post_save: say which schools changed, so the
                # search index takes them in bulk, in this transaction.
                schools_written.send(sender=School, pks=self.written)
        return self.report


def import_register(
    *,
    text: TextIO,
    dry_run: bool,
    urns: Iterable[str] = (),
    las: Iterable[str] = (),
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update schools from the register extract `text`; see the module docstring."""
    importer = RegisterImporter(dry_run=dry_run, urns=urns, las=las, progress=progress)
    return importer.run(text)
