"""Validation of uploaded school logos: by content, not by the name or type the browser sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000
# Pillow's format name -> the extension the stored file gets.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def logo_format(file: File) -> str:
    """The logo's Pillow format ("PNG", "JPEG", "WEBP"), or ValidationError if it is not one.

    Checks the size before Pillow reads anything, then the format from the file's content, then
    that the image is whole (Image.verify) and not a decompression bomb.
    """
    if file.size is not None and file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            "The logo is %(size)s KB; the largest allowed is 1 MB (1024 KB).",
            code="logo_too_large",
            params={"size": file.size // 1024},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not a PNG, JPEG or WebP image (it may be damaged or renamed).",
            code="logo_not_an_image",
        ) from None
    finally:
        file.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            "The logo must be a PNG, JPEG or WebP image, not %(format)s.",
            code="logo_wrong_type",
            params={"format": image_format},
        )
    if width * height > LOGO_MAX_PIXELS:
        raise ValidationError(
            "The logo is %(width)s by %(height)s pixels; please use a smaller image.",
            code="logo_too_many_pixels",
            params={"width": width, "height": height},
        )
    return image_format


def validate_logo(file: File) -> None:
    """Model field validator, so Django admin checks logos the same way as the edit page.

    A logo already stored (not a new upload) has been checked when it was uploaded.
    """
    if getattr(file, "_committed", False):
        return
    logo_format(file)
