"""A session's page, who chose it (organisers and presenters), and its documents."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programme.models import Choice, SessionDocument
from tests.factories import PDF_BYTES, PersonFactory
from tests.programme.conftest import choose, register

pytestmark = pytest.mark.django_db


def _url(session, rest=""):
    return f"/programme/session/{session.pk}/{rest}"


def _chosen_by(session, count, status=Choice.Status.CONFIRMED):
    people = PersonFactory.create_batch(count, school=None)
    for person in people:
        register(session.slot.event, person)
        choose(session, person, status=status)
    return people


def test_visitors_see_the_session_but_not_who_chose_it(anonymous, small):
    (chooser,) = _chosen_by(small, 1)
    page = anonymous.get(_url(small)).content.decode()
    assert "Phonics in practice" in page and "Hall" in page and "1 of 2 left" in page
    assert chooser.display_name not in page
    assert "Who chose it" not in page
    assert "Documents" not in page  # slides are for members


def test_a_member_sees_their_own_choice_and_the_places_left(staff, head, small):
    register(small.slot.event, staff.person)
    choose(small, staff.person, status=Choice.Status.WAITLISTED)
    _chosen_by(small, 1)
    page = staff.get(_url(small)).content.decode()
    assert "You are on the waiting list." in page and "Change your choice" in page
    assert "1 of 2 left; 1 waiting" in page
    other = head.get(_url(small)).content.decode()
    assert "Your choice" not in other and "Choose in the programme" in other


def test_organisers_and_presenters_see_who_chose_it(coordinator, staff, head, small):
    small.presenters.add(staff.person)
    confirmed = _chosen_by(small, 2)
    (waiting,) = _chosen_by(small, 1, status=Choice.Status.WAITLISTED)
    for client in (coordinator, staff):
        page = client.get(_url(small)).content.decode()
        assert "Who chose it" in page
        assert all(p.display_name in page for p in confirmed + [waiting])
        assert "On the waiting list" in page
    assert "Who chose it" not in head.get(_url(small)).content.decode()


def test_the_choices_csv_is_for_organisers_and_presenters(coordinator, staff, head, small):
    small.presenters.add(staff.person)
    visible = PersonFactory(email="seen@example.org", contact_visibility="alliance")
    hidden = PersonFactory(email="unseen@example.org", contact_visibility="admins")
    for person in (visible, hidden):
        register(small.slot.event, person)
        choose(small, person)
    response = coordinator.get(_url(small, "choices.csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Name" and len(rows) == 3
    assert "seen@example.org" in {row[3] for row in rows}
    assert "unseen@example.org" not in {row[3] for row in rows}
    assert staff.get(_url(small, "choices.csv")).status_code == 200
    assert head.get(_url(small, "choices.csv")).status_code == 403


def test_a_presenter_uploads_a_document_members_download(staff, head, small):
    small.presenters.add(staff.person)
    upload = SimpleUploadedFile("slides.pdf", PDF_BYTES, content_type="application/pdf")
    response = staff.post(_url(small, "documents/"), {"title": "Slides", "file": upload})
    assert response.status_code == 302
    document = SessionDocument.objects.get(session=small)
    assert document.content_type == "application/pdf" and document.original_name == "slides.pdf"
    page = head.get(_url(small)).content.decode()
    assert "Slides" in page
    download = head.get(_url(small, f"documents/{document.pk}/"))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]


def test_a_file_that_is_not_a_document_is_refused_with_the_reason(coordinator, small):
    upload = SimpleUploadedFile("slides.pdf", b"\x00\x01\x02binary", content_type="application/pdf")
    response = coordinator.post(_url(small, "documents/"), {"title": "Slides", "file": upload})
    assert response.status_code == 400
    assert "Upload a PDF, Word" in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not SessionDocument.objects.exists()


def test_a_member_who_neither_organises_nor_presents_cannot_upload(head, small):
    upload = SimpleUploadedFile("slides.pdf", PDF_BYTES, content_type="application/pdf")
    response = head.post(_url(small, "documents/"), {"title": "Slides", "file": upload})
    assert response.status_code == 403
    assert not SessionDocument.objects.exists()


def test_the_public_cannot_download_documents(anonymous, small):
    document = SessionDocument.objects.create(session=small, title="Slides", file="x.pdf")
    response = anonymous.get(_url(small, f"documents/{document.pk}/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_session_of_an_unpublished_event_is_hidden_from_the_public(anonymous, staff, small):
    event = small.slot.event
    event.is_published = False
    event.save()
    assert anonymous.get(_url(small)).status_code == 404
    assert staff.get(_url(small)).status_code == 200


@pytest.mark.parametrize("count", [1, 25])
def test_session_page_queries_do_not_grow_with_choices(
    coordinator, small, count, django_assert_num_queries
):
    """The choosers come with their school in one query; presenters and documents in one
    each; the counts of choices and the user's own come with the session (session, user,
    session, presenters, event, documents, choices)."""
    _chosen_by(small, count)
    small.presenters.add(*PersonFactory.create_batch(count))
    for number in range(count):
        SessionDocument.objects.create(session=small, title=f"Handout {number}", file="x.pdf")
    with django_assert_num_queries(7):
        response = coordinator.get(_url(small))
    assert response.status_code == 200


def test_markup_in_a_text_handout_downloads_as_a_plain_text_attachment(coordinator, small):
    markup = b"<html><script>alert(document.cookie)</script></html>"
    upload = SimpleUploadedFile("notes.txt", markup, content_type="text/html")
    coordinator.post(_url(small, "documents/"), {"title": "Notes", "file": upload})
    document = SessionDocument.objects.get(session=small)
    response = coordinator.get(_url(small, f"documents/{document.pk}/"))
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_django_admin_offers_no_session_document_upload(admin, small):
    html = admin.get(f"/admin/programme/session/{small.pk}/change/").content.decode()
    assert 'type="file"' not in html
