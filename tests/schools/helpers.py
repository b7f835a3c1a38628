"""Helpers for the schools tests: a valid edit-page POST, and images to upload."""

from __future__ import annotations

import io
import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from schools.forms import SchoolForm
from schools.models import School


def edit_data(school: School, *, manage: bool = True, **changes: Any) -> dict[str, Any]:
    """What the edit page's form posts when submitted unchanged, with `changes` on top."""
    school.refresh_from_db()
    form = SchoolForm(instance=school, can_manage=manage)
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if name == "logo":
            continue
        if name == "editors":
            data[name] = [str(getattr(v, "pk", v)) for v in value or []]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def image_file(
    name: str = "logo.png", *, image_format: str = "PNG", size: tuple[int, int] = (8, 8)
) -> SimpleUploadedFile:
    """A real image made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 79, 145)).save(buffer, format=image_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def fake_image(name: str = "logo.png") -> SimpleUploadedFile:
    """Text renamed .png, sent with an image content type."""
    return SimpleUploadedFile(name, b"<html>not an image</html>", content_type="image/png")


def oversized_image(name: str = "big.png") -> SimpleUploadedFile:
    """A real PNG of over 1 MB: 700 x 700 pixels of noise, which does not compress."""
    noise = random.Random(2026).randbytes(700 * 700 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (700, 700), noise).save(buffer, format="PNG")
    assert buffer.tell() > 1024 * 1024
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
