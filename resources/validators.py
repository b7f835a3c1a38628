"""What the resource hub accepts: the file's own bytes decide its type, not its name."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from alliance.lib.uploads import looks_like_text, refuse_oversized_or_empty


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    extensions: tuple[str, ...]


PDF = FileKind("pdf", "PDF", (".pdf",))
DOCX = FileKind("docx", "Word document", (".docx",))
PPTX = FileKind("pptx", "PowerPoint presentation", (".pptx",))
XLSX = FileKind("xlsx", "Excel spreadsheet", (".xlsx",))
PNG = FileKind("png", "PNG image", (".png",))
JPEG = FileKind("jpeg", "JPEG image", (".jpg", ".jpeg"))
GIF = FileKind("gif", "GIF image", (".gif",))
WEBP = FileKind("webp", "WebP image", (".webp",))
TEXT = FileKind("text", "plain text", (".txt", ".csv", ".md"))
KINDS = {k.code: k for k in (PDF, DOCX, PPTX, XLSX, PNG, JPEG, GIF, WEBP, TEXT)}
ACCEPTED = (
    "PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), images (PNG, JPEG, GIF, WebP) "
    "or plain text"
)

# The folder inside an Office Open XML package that says which application wrote it.
OFFICE_PARTS = {"word/": DOCX, "ppt/": PPTX, "xl/": XLSX}


def _office_kind(upload) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in OFFICE_PARTS.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def sniff(upload) -> FileKind | None:
    """The kind of file the bytes say this is, or None when it is none we accept."""
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = GIF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = WEBP
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
    elif head and looks_like_text(head):
        kind = TEXT
    return kind


def validate_upload(upload) -> FileKind:
    """Refuse files that are too big, of a type we do not take, or not what their name says."""
    refuse_oversized_or_empty(upload, limit=settings.RESOURCES_MAX_UPLOAD_BYTES)
    name = upload.name.lower()
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            f"This file's contents are not a type we accept. Upload {ACCEPTED}.",
            code="wrong_type",
        )
    if not name.endswith(kind.extensions):
        raise ValidationError(
            f"This file is named like one type but its contents are a {kind.label}. "
            f"Rename it with the right extension ({', '.join(kind.extensions)}) or upload "
            f"the real file.",
            code="mismatch",
        )
    return kind
