"""What an uploaded minutes document may be: PDF, Word (DOCX), OpenDocument text or plain text,
at most MAX_DOCUMENT_BYTES. Decided by the file's content, not by the name it was sent with."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from alliance.lib.uploads import looks_like_text, refuse_oversized_or_empty

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"

# The extensions each content type may carry.
EXTENSIONS = {PDF: {".pdf"}, DOCX: {".docx"}, ODT: {".odt"}, TEXT: {".txt", ".md", ".csv"}}
ACCEPT = ",".join(sorted(ext for exts in EXTENSIONS.values() for ext in exts))


def _zip_kind(uploaded: UploadedFile) -> str | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def sniff_content_type(uploaded: UploadedFile) -> str | None:
    """The document type the bytes show, or None when they are none we accept."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded)
    if head and looks_like_text(head):
        return TEXT
    return None


def validate_document(uploaded: UploadedFile) -> str:
    """Return the file's content type, or raise ValidationError saying what is wrong."""
    refuse_oversized_or_empty(uploaded, limit=MAX_DOCUMENT_BYTES)
    content_type = sniff_content_type(uploaded)
    if content_type is None:
        raise ValidationError(
            "Upload a PDF, Word (.docx), OpenDocument (.odt) or plain text file.",
            code="bad_type",
        )
    suffix = PurePath(uploaded.name or "").suffix.lower()
    if suffix not in EXTENSIONS[content_type]:
        raise ValidationError(
            "The file's name does not match its content: rename it to end in "
            f"{' or '.join(sorted(EXTENSIONS[content_type]))}.",
            code="mismatch",
        )
    return content_type
