"""Uploads for every app: check the content, limit the size, store under a random name, and
serve as a download, never as a page.

On a model:

    from alliance.lib.uploads import RandomName, document_validators, image_validators

    logo = models.ImageField(
        upload_to=RandomName("schools/logos"), validators=image_validators(), blank=True
    )
    minutes = models.FileField(
        upload_to=RandomName("events/minutes"), validators=document_validators(), blank=True
    )

In a view (after the access helper has allowed it):

    return serve_download(event.minutes, filename=f"{event.title} minutes")

- Content is checked, not the name or the browser's Content-Type: images must open in Pillow
  as PNG, JPEG, GIF or WebP (SVG is refused: it can carry scripts); documents must start with
  the bytes of a PDF or an Office Open XML / OpenDocument file.
- Names are random (the uploader's name is not kept in the path), so nobody can guess another
  file's URL or overwrite one.
- serve_download answers with Content-Disposition: attachment, a fixed Content-Type for the
  checked kind, nosniff and a CSP sandbox, so even a file that fooled the checks is never run
  as HTML in the portal's origin.
"""

from __future__ import annotations

import os
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Larger images are refused before decoding (a "decompression bomb" takes all memory).
MAX_IMAGE_PIXELS = 40_000_000

IMAGE_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}
DOCUMENT_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    **DOCUMENT_EXTENSIONS,
}


@deconstructible
class RandomName:
    """upload_to: `<prefix>/<32 random hex characters><extension>`, the extension lower-cased
    and kept only when it is one we accept (else none)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = os.path.splitext(filename)[1].lower()
        if extension not in CONTENT_TYPES:
            extension = ""
        return f"{self.prefix}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix


@deconstructible
class MaxSize:
    """A validator: the file is at most `max_bytes` long."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def __call__(self, file: File) -> None:
        if file.size > self.max_bytes:
            limit = f"{self.max_bytes / (1024 * 1024):g} MB"
            raise ValidationError(f"The file is too large: the limit is {limit}.", code="size")

    def __eq__(self, other) -> bool:
        return isinstance(other, MaxSize) and other.max_bytes == self.max_bytes


# Bytes only binary files carry: tab, newline, form feed and carriage return are text.
_CONTROL = {*range(0, 9), 11, *range(14, 32), 127}


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of an upload read as UTF-8 text, without the control bytes that
    only binary files carry."""
    if _CONTROL.intersection(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def refuse_oversized_or_empty(file: File, *, limit: int) -> None:
    """Refuse a file larger than `limit` bytes, saying how large it is, or an empty one."""
    if file.size > limit:
        raise ValidationError(
            f"The file is {filesizeformat(file.size)}; the largest we accept is "
            f"{filesizeformat(limit)}.",
            code="too_big",
        )
    if file.size == 0:
        raise ValidationError("The file is empty.", code="empty")


def _head(file: File, length: int = 8) -> bytes:
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def validate_image(file: File) -> None:
    """The file is a PNG, JPEG, GIF or WebP image that Pillow can read, of sensible size."""
    from PIL import Image, UnidentifiedImageError

    message = "Upload a photo or logo as PNG, JPEG, GIF or WebP."
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(message, code="image_format")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError("The image is too large.", code="image_pixels")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(message, code="image_format") from exc
    finally:
        file.seek(0)
    extension = os.path.splitext(file.name or "")[1].lower()
    if extension and extension not in {".png", ".jpg", ".jpeg", ".gif", ".webp"}:
        raise ValidationError(message, code="image_extension")


def validate_document(file: File) -> None:
    """The file is a PDF, or an Office Open XML / OpenDocument file, by its content and name."""
    message = "Upload a PDF, Word, Excel, PowerPoint or OpenDocument file."
    extension = os.path.splitext(file.name or "")[1].lower()
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(message, code="document_extension")
    head = _head(file)
    if extension == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError(message, code="document_content")
        return
    if not head.startswith(b"PK\x03\x04"):
        raise ValidationError(message, code="document_content")
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(message, code="document_content") from exc
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names and "mimetype" not in names:
        raise ValidationError(message, code="document_content")


def image_validators(max_bytes: int = MAX_IMAGE_BYTES) -> list:
    return [MaxSize(max_bytes), validate_image]


def document_validators(max_bytes: int = MAX_DOCUMENT_BYTES) -> list:
    return [MaxSize(max_bytes), validate_document]


def serve_download(field_file: FieldFile, *, filename: str | None = None) -> FileResponse:
    """Answer with the stored file as a download, whatever it contains.

    `filename` is the name the browser saves (slugified; the stored extension is added).
    """
    extension = os.path.splitext(field_file.name)[1].lower()
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    stem = slugify(filename or "") or "download"
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{stem}{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
