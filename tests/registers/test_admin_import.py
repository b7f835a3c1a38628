"""The admin page that imports the register: preview first, then write on confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registers.models import RegisterLink, RegisterRecord
from schools.models import School

pytestmark = pytest.mark.django_db
URL = "/admin/registers/registerrecord/import/"


def upload(content: bytes, name: str = "edubasealldata20251001.csv") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def test_preview_shows_what_would_change_and_writes_nothing(admin, sample_bytes):
    response = admin.post(URL, upload(sample_bytes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: nothing has been written yet" in html
    assert "Would have created 9" in html
    assert "Sainte-Thérèse Catholic Primary School" in html
    assert not School.objects.exists()


def test_confirming_the_preview_imports_the_file(admin, sample_bytes):
    admin.post(URL, upload(sample_bytes))
    response = admin.post(URL, {"confirm": "1"})
    assert response.status_code == 302
    assert School.objects.count() == 9 and RegisterRecord.objects.count() == 9
    follow = admin.get(response.url)
    assert "Done: created 9" in follow.content.decode()
    # The upload was used once: confirming again imports nothing more.
    assert admin.post(URL, {"confirm": "1"}).status_code == 302
    assert School.objects.count() == 9


def test_links_file_through_the_same_page(admin, sample_bytes):
    admin.post(URL, upload(sample_bytes))
    admin.post(URL, {"confirm": "1"})
    links = (
        b"URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n990104,990005,E,Successor,01-09-2019\n"
    )
    response = admin.post(URL, upload(links, "links.csv"))
    assert "Would have recorded 1 new link" in response.content.decode()
    admin.post(URL, {"confirm": "1"})
    assert RegisterLink.objects.filter(predecessor_urn="990104", successor_urn="990005").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n", "This is a PDF document"),
        (b"", "is empty: choose another."),
        (b"URN,Town\n990001,Testbridge\n", "EstablishmentName are missing"),
        ("URN,EstablishmentName\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(admin, content, message):
    response = admin.post(URL, upload(content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not School.objects.exists()


def test_a_file_over_the_limit_is_refused(admin, settings, sample_bytes):
    settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES = 1000
    response = admin.post(URL, upload(sample_bytes))
    assert response.status_code == 400
    assert "the largest file accepted here is 0 MB" in response.content.decode()
    assert not School.objects.exists()


def test_default_limit_refuses_a_100_mb_upload_but_takes_the_england_file(settings):
    assert 60 * 1_048_576 < settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES < 100 * 1_048_576


def test_staff_cannot_reach_the_import_page(staff, anonymous, sample_bytes):
    assert staff.post(URL, upload(sample_bytes)).status_code == 302  # admin's own sign-in
    assert anonymous.get(URL).status_code == 302
    assert not RegisterRecord.objects.exists()
    assert not School.objects.filter(urn="990105").exists()


def test_wrong_method_is_refused(admin):
    assert admin.delete(URL).status_code == 405


def test_changelist_links_to_the_import_page(admin):
    response = admin.get("/admin/registers/registerrecord/")
    assert URL in response.content.decode()


def test_preview_lists_each_change_and_what_the_school_keeps(admin, sample_bytes):
    admin.post(URL, upload(sample_bytes))
    admin.post(URL, {"confirm": "1"})
    school = School.objects.get(urn="990001")
    school.website = "https://abbey-fields.example.org/"
    school.save()
    changed = sample_bytes.replace(b"Abbey Fields Road", b"Abbey Fields Lane")
    changed = changed.replace(b"www.abbey-fields-primary-school", b"www.abbey-new")
    html = admin.post(URL, upload(changed)).content.decode()
    assert "Updated; address_line1: Abbey Fields Road → Abbey Fields Lane" in html
    assert "kept the school's own website" in html
    school.refresh_from_db()
    assert school.address_line1 == "Abbey Fields Road"  # only a preview so far
