"""Uploads are never served as a page: logos and photos are checked (photos re-encoded) images
with their true extension, documents and resources go out as attachments with nosniff, and
Django admin offers no upload that skips the content checks. (Each app's own tests cover the
checks themselves; these follow a hostile file from upload to the browser.)"""

from __future__ import annotations

import mimetypes

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.models import EventDocument
from people.models import Person
from tests.factories import EventFactory
from tests.people.test_views_edit import form_data
from tests.schools.helpers import edit_data, image_file

MARKUP = b"<html><script>alert(document.cookie)</script></html>"


def with_markup(upload: SimpleUploadedFile) -> SimpleUploadedFile:
    """A real image with a page appended after its last byte (a "polyglot")."""
    return SimpleUploadedFile(upload.name, upload.read() + MARKUP, content_type="text/html")


def served(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_markup_in_a_text_minutes_file_downloads_as_plain_text_attachment(
    coordinator, staff, partnership
):
    event = EventFactory(partnership=partnership)
    response = coordinator.post(
        f"/events/{event.pk}/documents/",
        {"title": "Notes", "file": SimpleUploadedFile("notes.txt", MARKUP, "text/html")},
    )
    assert response.status_code == 302
    document = EventDocument.objects.get()
    response, body = served(staff, document.get_absolute_url())
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body == MARKUP


def test_an_html_page_is_refused_as_minutes(coordinator, partnership):
    event = EventFactory(partnership=partnership)
    response = coordinator.post(
        f"/events/{event.pk}/documents/",
        {"title": "Page", "file": SimpleUploadedFile("minutes.html", MARKUP, "text/html")},
    )
    assert response.status_code == 400
    assert not EventDocument.objects.exists()


def test_a_logo_with_a_page_appended_is_stored_to_be_served_only_as_an_image(head, school):
    """The web server picks the type from the extension (docs/security.md, nginx with
    nosniff): the extension is the one Pillow found in the bytes, never the uploaded name's."""
    upload = with_markup(image_file("logo.html"))
    response = head.post(f"/schools/{school.slug}/edit/", {**edit_data(school), "logo": upload})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.logo.name.startswith("schools/logos/")
    assert mimetypes.guess_type(school.logo.name)[0] == "image/png"
    with school.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG"


def test_a_photo_with_a_page_appended_is_re_encoded_without_it(staff):
    upload = with_markup(image_file("me.png"))
    response = staff.post(
        f"/people/{staff.person.pk}/edit/", {**form_data(staff.person), "photo": upload}
    )
    assert response.status_code == 302
    photo = Person.objects.get(pk=staff.person.pk).photo
    assert photo.name.startswith("people/photos/") and photo.name.endswith(".png")
    with photo.open("rb") as stored:
        assert b"<script>" not in stored.read()


def test_resource_downloads_are_attachments_with_a_fixed_type_and_nosniff(staff, school):
    from tests.resources.conftest import PDF_BYTES

    response = staff.post(
        "/resources/new/",
        {
            "title": "Fractions",
            "summary": "Six lessons.",
            "phase": "primary",
            "key_stage": "ks2",
            "tags": "",
            "source_school": school.pk,
            "sharing": "alliance",
            "file": SimpleUploadedFile("lessons.pdf", PDF_BYTES, "text/html"),
        },
    )
    assert response.status_code == 302
    response, body = served(staff, response["Location"] + "download/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body == PDF_BYTES


def test_django_admin_offers_no_resource_upload_that_skips_the_checks(admin):
    html = admin.get("/admin/resources/resource/add/").content.decode()
    assert 'type="file"' not in html


def test_django_admin_offers_no_minutes_upload(admin, partnership):
    event = EventFactory(partnership=partnership)
    html = admin.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'type="file"' not in html
