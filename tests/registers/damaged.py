"""Damaged copies of the register's sample extract, built at run time from the clean file."""

from __future__ import annotations

import csv
import io

from registers.models import RegisterRecord
from schools.models import School
from search.models import SearchDocument


def rows_of(sample: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(sample.decode("cp1252"), newline="")))


def as_csv(rows: list[list[str]], *, quote_all: bool = False) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    return out.getvalue()


def line_start(text: str, line: int) -> int:
    """Offset of the first character of `line` (1-based) in `text`."""
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


def cut_inside(text: str, line: int, value: str) -> str:
    """The text cut in the middle of `value` on `line`: a download that stopped there."""
    start = line_start(text, line)
    at = text.index(value, start) + len(value) // 2
    return text[:at]


def with_cell(rows: list[list[str]], line: int, column: str, value: str) -> list[list[str]]:
    changed = [list(row) for row in rows]
    changed[line - 1][rows[0].index(column)] = value
    return changed


def dump() -> tuple:
    """Every table an import writes, to compare before and after a refusal."""
    return (
        list(School.objects.order_by("pk").values()),
        list(RegisterRecord.objects.order_by("pk").values()),
        list(School.history.order_by("history_id").values_list("history_id", "name")),
        list(SearchDocument.objects.order_by("pk").values_list("kind", "object_id", "text")),
    )


def national(sample: bytes, count: int) -> bytes:
    """An England-sized extract: `count` schools with fictitious URNs from 900000, made from
    the sample's rows, in the register's encoding."""
    rows = rows_of(sample)
    header, templates = rows[0], rows[1:]
    urn, name, postcode = (header.index(c) for c in ("URN", "EstablishmentName", "Postcode"))
    easting, northing = header.index("Easting"), header.index("Northing")
    out = [header]
    for i in range(count):
        row = list(templates[i % len(templates)])
        row[urn] = f"{900000 + i}"
        row[name] = f"{row[name]} {i}"
        row[postcode] = f"ZZ{i % 100} {i % 10}AA"
        row[easting] = str(140000 + (i * 7919) % 500000)
        row[northing] = str(20000 + (i * 104729) % 600000)
        out.append(row)
    return as_csv(out).encode("cp1252")
