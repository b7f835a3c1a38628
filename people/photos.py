"""Profile photos: checked by content, not by name, and re-encoded before they are stored.

Re-encoding drops everything but the pixels: camera metadata (EXIF often holds where a photo
was taken) and anything appended to the file. The stored name is random (see
people.models.person_photo_path).
"""

from __future__ import annotations

import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # Refuse decompression bombs before decoding them.
STORED_SIZE = (800, 800)
# Pillow's format name -> (extension, content type)
ALLOWED_FORMATS = {
    "JPEG": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "WEBP": (".webp", "image/webp"),
}


def _check_size(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            "The photo is larger than 2 MB. Choose a smaller image.", code="photo_too_large"
        )


class PhotoField(forms.ImageField):
    """An image field that refuses an oversized file before asking Pillow to read it."""

    def to_python(self, data):
        if data:
            _check_size(data)
        return super().to_python(data)


def clean_photo(upload: UploadedFile) -> UploadedFile:
    """A validated, re-encoded copy of an uploaded photo, or ValidationError saying why not."""
    _check_size(upload)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ALLOWED_FORMATS:
            raise ValidationError(
                "The photo must be a JPEG, PNG or WebP image.", code="photo_wrong_type"
            )
        if width * height > MAX_PHOTO_PIXELS:
            raise ValidationError(
                "The photo has too many pixels. Choose a smaller image.", code="photo_too_large"
            )
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(STORED_SIZE)
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format=image_format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.",
            code="photo_unreadable",
        ) from None
    extension, content_type = ALLOWED_FORMATS[image_format]
    return SimpleUploadedFile(f"photo{extension}", out.getvalue(), content_type=content_type)
