"""CSV exports that open safely in Excel: UTF-8 with a BOM, and no cell run as a formula.

A cell that starts with = + - @ (or a tab or carriage return) is read by spreadsheet programs as
a formula, which lets whoever typed the value run it on the reader's machine (CSV injection).
Such cells get a leading apostrophe, which spreadsheets show as text. A number is never a
formula, whether it is given as a number or as text: a longitude of -1.825843 stays a number.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# A plain decimal number, signed or not, as spreadsheets read one: "-1.825843", "+44", "1e-3".
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> str:
    """The text of one cell, neutralised if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The BOM, the header and each row as CSV text, every cell through safe_cell."""
    writer = csv.writer(_Echo())
    yield BOM
    yield writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A streamed CSV download, so a large export never sits in memory."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
