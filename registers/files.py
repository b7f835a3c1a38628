"""Opening a CSV someone gave us: refuse what is not a CSV, and find its encoding.

Spreadsheets save CSV as UTF-8 (often with a BOM) or, on Windows, as Windows-1252; the public
register publishes Windows-1252. Anything else gets a message saying what it is and what to do.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import BinaryIO

CHUNK = 1 << 20
_PLAIN_SIGNED_NUMBER = re.compile(r"^[+-][\d\s().]*$")


class CsvFileError(ValueError):
    """The file as a whole is refused; nothing was imported."""


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet would run as a formula (=, @, or +/- followed by more than a
    number such as a telephone number)."""
    if not text:
        return False
    if text[0] in "=@":
        return True
    return text[0] in "+-" and not _PLAIN_SIGNED_NUMBER.match(text)


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a byte order mark: Latin text has a zero in every other byte."""
    pairs = len(head) // 2
    if pairs < 8:
        return False
    return any(half[:pairs].count(0) > 0.9 * pairs for half in (head[0::2], head[1::2]))


def _what_it_is(head: bytes) -> str | None:
    if head.startswith(b"%PDF"):
        return "This is a PDF document, not a CSV file. Export the data as CSV and try again."
    if head.startswith(b"PK\x03\x04"):
        return (
            "This is a spreadsheet or zip file (e.g. .xlsx), not a CSV file. Save it as "
            "'CSV UTF-8' and try again."
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(head):
        return "This file is UTF-16 text. Save it as 'CSV UTF-8' and try again."
    if b"\x00" in head:
        return "This is not a text file. Upload a CSV file."
    return None


def detect_encoding(binary: BinaryIO) -> str:
    """'utf-8-sig' or 'cp1252' for the whole file, read once in chunks; rewinds the file.

    Raises CsvFileError for an empty file, a non-text file or text in another encoding.
    """
    binary.seek(0)
    head = binary.read(4096)
    if not head.strip():
        raise CsvFileError("The file is empty.")
    problem = _what_it_is(head)
    if problem:
        raise CsvFileError(problem)
    binary.seek(0)
    decoders = {
        "utf-8-sig": codecs.getincrementaldecoder("utf-8")(),
        "cp1252": codecs.getincrementaldecoder("cp1252")(),
    }
    readable = set(decoders)
    lines = 1  # the line each chunk starts on
    bad_byte = None  # (line, byte) that Windows-1252 does not define
    while readable and (chunk := binary.read(CHUNK)):
        if b"\x00" in chunk:
            readable.clear()
        for name in list(readable):
            try:
                decoders[name].decode(chunk)
            except UnicodeDecodeError as error:
                readable.discard(name)
                if name == "cp1252":
                    at = error.start
                    bad_byte = (lines + chunk[:at].count(b"\n"), chunk[at])
        lines += chunk.count(b"\n")
    if "utf-8-sig" in readable:
        try:
            decoders["utf-8-sig"].decode(b"", final=True)
        except UnicodeDecodeError:
            readable.discard("utf-8-sig")
    binary.seek(0)
    for name in ("utf-8-sig", "cp1252"):
        if name in readable:
            return name
    if bad_byte is not None:
        line, byte = bad_byte
        raise CsvFileError(
            f"Line {line} has the byte 0x{byte:02X}, so the file is not text in UTF-8 or "
            "Windows-1252: it is damaged or in another encoding. Save it as 'CSV UTF-8' and try "
            "again."
        )
    raise CsvFileError(
        "The file is not text in UTF-8 or Windows-1252. Save it as 'CSV UTF-8' and try again."
    )


def open_text(binary: BinaryIO) -> tuple[io.TextIOWrapper, str]:
    """The file as text in its own encoding, for csv.reader."""
    encoding = detect_encoding(binary)
    return io.TextIOWrapper(binary, encoding=encoding, newline=""), encoding


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise CsvFileError(
            f"The file is {size / 1_048_576:.0f} MB; the largest file accepted here is "
            f"{limit / 1_048_576:.0f} MB."
        )
