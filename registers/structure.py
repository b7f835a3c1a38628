"""A CSV file's structure, checked whole before anything is written.

A file cut short by a failed download or a full disk still parses: the last row simply has
fewer fields, or its last cell fewer characters, and an import that trusts it blanks facts.
`CheckedReader` yields only complete rows (the header's number of fields, every quote closed)
and lists every line that is not, plus the file's last line when no line break ends it. The
importers read the whole file, and refuse it with `FileRefused` if any line is bad.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from registers.files import CsvFileError

SHOWN = 200  # Bad lines named in the one-line message; FileRefused.problems has them all.


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class FileRefused(CsvFileError):
    """These lines are wrong, so nothing in the file was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        lines = len({problem.line for problem in self.problems})
        shown = "; ".join(str(problem).rstrip(".") for problem in self.problems[:SHOWN])
        more = len(self.problems) - SHOWN
        super().__init__(
            f"The file has {lines} bad line(s): {shown}"
            + (f"; and {more} more." if more > 0 else ".")
        )


def _csv_reason(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return "a quote opened in this row is never closed: the file looks cut short."
    return f"a quote opened in this row is never closed at the end of a cell ({error})."


class CheckedReader:
    """Iterate (line, cells) over a CSV file's complete rows; `problems` lists the others.

    Lines are the file's own line numbers (the header is line 1), so a reader can find them in
    a text editor. Empty rows are skipped. After a row that is not valid CSV (an open quote)
    nothing more is read: where the next row starts can no longer be known.
    """

    def __init__(self, text: Iterable[str]) -> None:
        self.problems: list[Problem] = []
        self._last_line = ""
        self._reader = csv.reader(self._lines(text), strict=True)
        try:
            header = next(self._reader)
        except StopIteration:
            raise CsvFileError("The file is empty.") from None
        except csv.Error as error:
            raise CsvFileError(f"Line 1 (the header) is not valid CSV ({error}).") from None
        self.header = [name.strip().lstrip("\ufeff") for name in header]

    def _lines(self, text: Iterable[str]) -> Iterator[str]:
        for line in text:
            self._last_line = line
            yield line

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        width = len(self.header)
        while True:
            start = self._reader.line_num + 1
            try:
                cells = next(self._reader)
            except StopIteration:
                break
            except csv.Error as error:
                self.problems.append(Problem(start, _csv_reason(error)))
                return
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                self.problems.append(
                    Problem(
                        start,
                        f"{len(cells)} fields where the header has {width}: the row is cut "
                        "short or has a stray comma.",
                    )
                )
                continue
            yield start, cells
        if self._last_line and not self._last_line.endswith(("\n", "\r")):
            self.problems.append(
                Problem(
                    self._reader.line_num,
                    "the file ends inside this row, with no line break after it: the file "
                    "looks cut short.",
                )
            )
