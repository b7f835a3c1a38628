"""Minutes documents: checked by content and size, stored under random names, and served as
downloads only to members who may see the event."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.documents import DOCX, MAX_DOCUMENT_BYTES, ODT, PDF, TEXT, validate_document
from events.models import EventDocument

PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT_BYTES = zipped({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("minutes.pdf", PDF_BYTES, PDF),
        ("minutes.docx", DOCX_BYTES, DOCX),
        ("minutes.odt", ODT_BYTES, ODT),
        ("minutes.txt", "Actions: Zoë to circulate.\n".encode(), TEXT),
    ],
)
def test_accepted_documents_are_recognised_by_content(name, data, content_type):
    assert validate_document(SimpleUploadedFile(name, data)) == content_type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("minutes.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "Upload a PDF"),  # a program, renamed
        ("minutes.docx", zipped({"evil.exe": b"MZ"}), "Upload a PDF"),  # any old zip
        ("minutes.pdf", DOCX_BYTES, "does not match its content"),
        ("minutes.html", b"<script>alert(1)</script>", "does not match its content"),
        ("minutes.txt", b"", "empty"),
    ],
)
def test_other_files_are_refused_with_a_reason(name, data, message):
    with pytest.raises(Exception, match=message):
        validate_document(SimpleUploadedFile(name, data))


def test_a_file_over_the_limit_is_refused():
    big = SimpleUploadedFile("minutes.pdf", PDF_BYTES + b"0" * MAX_DOCUMENT_BYTES)
    with pytest.raises(Exception, match="largest we accept is 10.0"):
        validate_document(big)


def upload(client, event, name="Minutes 3 March.pdf", data=PDF_BYTES, title="Minutes"):
    return client.post(
        f"/events/{event.pk}/documents/",
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def test_organiser_attaches_a_document_under_a_random_name(coordinator, event):
    response = upload(coordinator, event)
    assert response.status_code == 302
    document = EventDocument.objects.get()
    assert document.original_name == "Minutes 3 March.pdf"
    assert document.content_type == PDF
    assert "Minutes" not in document.file.name
    assert document.file.name.startswith("events/documents/")
    assert document.file.name.endswith(".pdf")


def test_a_bad_document_is_refused_next_to_the_field(coordinator, event):
    response = upload(coordinator, event, name="minutes.pdf", data=b"\x7fELF\x02\x01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Upload a PDF, Word (.docx), OpenDocument (.odt) or plain text file." in html
    assert 'href="#id_file"' in html
    assert not EventDocument.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_non_organisers_cannot_attach_documents(request, persona, event):
    client = request.getfixturevalue(persona)
    assert upload(client, event).status_code == 403
    assert not EventDocument.objects.exists()


def test_anonymous_is_sent_to_sign_in_to_attach(anonymous, event):
    response = upload(anonymous, event)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not EventDocument.objects.exists()


def test_attaching_refuses_get(coordinator, event):
    assert coordinator.get(f"/events/{event.pk}/documents/").status_code == 405


def test_members_download_the_document_as_an_attachment(coordinator, staff, event):
    upload(coordinator, event)
    document = EventDocument.objects.get()
    response = staff.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Minutes 3 March.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert document.get_absolute_url() in staff.get(event.get_absolute_url()).content.decode()


def test_the_public_cannot_download_minutes(coordinator, anonymous, event):
    upload(coordinator, event)
    document = EventDocument.objects.get()
    response = anonymous.get(document.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert (
        document.get_absolute_url() not in anonymous.get(event.get_absolute_url()).content.decode()
    )


def test_a_document_of_another_event_is_not_found(coordinator, staff, event):
    from tests.factories import EventFactory

    upload(coordinator, event)
    document = EventDocument.objects.get()
    other = EventFactory()
    assert staff.get(f"/events/{other.pk}/documents/{document.pk}/").status_code == 404
