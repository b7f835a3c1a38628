"""Resource hub fixtures: sample files whose bytes are what their names say (or not)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import Sharing
from tests.factories import ResourceFactory

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def office_bytes(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def upload():
    def make(name: str, content: bytes, content_type: str = "application/octet-stream"):
        return SimpleUploadedFile(name, content, content_type=content_type)

    return make


@pytest.fixture
def shared(school, staff):
    """An alliance-wide resource from `school`, shared by `staff`."""
    return ResourceFactory(
        title="Fractions on a number line",
        source_school=school,
        author=staff.person,
        sharing=Sharing.ALLIANCE,
    )


@pytest.fixture
def private(school, partnership, staff):
    """A resource shared with `partnership` only."""
    return ResourceFactory(
        title="Moderation notes for our partnership",
        source_school=school,
        author=staff.person,
        sharing=Sharing.PARTNERSHIP,
        partnership=partnership,
    )
