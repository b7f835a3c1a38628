"""Uploads are judged by their bytes: type, name and size."""

import pytest
from django.core.exceptions import ValidationError

from resources.validators import validate_upload
from tests.resources.conftest import PDF_BYTES, PNG_BYTES, office_bytes


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("plan.pdf", PDF_BYTES, "pdf"),
        ("plan.docx", office_bytes("word"), "docx"),
        ("slides.pptx", office_bytes("ppt"), "pptx"),
        ("marks.xlsx", office_bytes("xl"), "xlsx"),
        ("photo.png", PNG_BYTES, "png"),
        ("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        ("notes.txt", "Fractions: half, quarter, thirds — all sorted.".encode(), "text"),
    ],
)
def test_accepted_files(upload, name, content, kind):
    assert validate_upload(upload(name, content)).code == kind


def test_a_fake_pdf_is_refused(upload):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00 not a pdf at all"))
    assert error.value.code == "wrong_type"


def test_an_image_named_pdf_is_refused(upload):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("plan.pdf", PNG_BYTES))
    assert error.value.code == "mismatch"


def test_a_zip_that_is_not_an_office_document_is_refused(upload):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("payload.exe", "MZ")
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("plan.docx", buffer.getvalue()))
    assert error.value.code == "wrong_type"


def test_an_oversize_file_is_refused(upload, settings):
    settings.RESOURCES_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("plan.pdf", PDF_BYTES + b"0" * 2000))
    assert error.value.code == "too_big"
    assert "the largest we accept is 1.0\xa0KB" in error.value.messages[0]


def test_an_empty_file_is_refused(upload):
    with pytest.raises(ValidationError):
        validate_upload(upload("empty.txt", b""))
