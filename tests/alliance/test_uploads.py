"""The shared upload helpers: content checks, size limits, random names, safe downloads."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from PIL import Image

from alliance.lib.uploads import (
    MaxSize,
    RandomName,
    document_validators,
    image_validators,
    serve_download,
    validate_document,
    validate_image,
)
from schools.models import School


def png_bytes(size=(4, 4)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, format="PNG")
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def run(validators, file) -> None:
    for validator in validators:
        validator(file)


def test_a_real_png_passes():
    run(image_validators(), upload("logo.png", png_bytes()))


@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.png", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.html", png_bytes()),
        ("logo.png", b"%PDF-1.7 not an image"),
    ],
)
def test_anything_but_a_real_image_is_refused(name, content):
    with pytest.raises(ValidationError):
        validate_image(upload(name, content))


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr("alliance.lib.uploads.MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError, match="too large"):
        validate_image(upload("big.png", png_bytes((20, 20))))


def test_documents_are_checked_by_content():
    validate_document(upload("minutes.pdf", b"%PDF-1.7\n..."))
    validate_document(upload("minutes.docx", docx_bytes()))
    for name, content in [
        ("minutes.pdf", b"<html>not a pdf</html>"),
        ("minutes.docx", b"PK\x03\x04 but not a zip"),
        ("minutes.docx", b"%PDF-1.7"),
        ("minutes.exe", b"%PDF-1.7"),
        ("minutes.html", b"%PDF-1.7"),
    ]:
        with pytest.raises(ValidationError):
            validate_document(upload(name, content))


def test_size_is_limited():
    MaxSize(10)(upload("a.pdf", b"%PDF-1.7"))
    with pytest.raises(ValidationError, match="too large"):
        run(document_validators(max_bytes=10), upload("a.pdf", b"%PDF-1.7" + b"x" * 10))


def test_stored_names_are_random_and_keep_only_safe_extensions():
    name = RandomName("schools/logos")
    first, second = name(None, "Our Logo.PNG"), name(None, "Our Logo.PNG")
    assert re.fullmatch(r"schools/logos/[0-9a-f]{32}\.png", first)
    assert first != second
    assert re.fullmatch(r"schools/logos/[0-9a-f]{32}", name(None, "evil.html"))
    assert "Our Logo" not in first


def test_random_name_can_be_used_in_migrations():
    path, args, kwargs = RandomName("people/photos").deconstruct()
    assert path == "alliance.lib.uploads.RandomName" and args == ("people/photos",)


def test_downloads_are_attachments_never_pages(db, settings):
    stored = default_storage.save("resources/abc.pdf", ContentFile(b"%PDF-1.7\n"))
    field_file = FieldFile(School(), School._meta.get_field("logo"), stored)
    response = serve_download(field_file, filename="Maths network minutes")
    assert response["Content-Disposition"] == ('attachment; filename="maths-network-minutes.pdf"')
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n"
    response.close()


def test_an_unknown_stored_file_downloads_as_bytes(db):
    stored = default_storage.save("resources/page", ContentFile(b"<html></html>"))
    field_file = FieldFile(School(), School._meta.get_field("logo"), stored)
    response = serve_download(field_file)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="download"'
    response.close()
