"""The admin page that imports the register: the upload queues a background job (a dry run),
the job page shows its progress and then the preview; confirming queues the real import."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from registers.models import ImportJob, RegisterLink, RegisterRecord
from schools.models import School
from tests.conftest import sign_in
from tests.factories import PersonFactory
from tests.registers.damaged import as_csv, dump, rows_of

# The worker ends database connections between tasks, as a server does between requests: it
# runs outside a test transaction, like the real worker.
pytestmark = pytest.mark.django_db(transaction=True)
URL = "/admin/registers/registerrecord/import/"


def upload(content: bytes, name: str = "edubasealldata20251001.csv") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def work() -> None:
    """What the background worker does: run every queued task, then stop."""
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", verbosity=0)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def previewed(client, content: bytes, name: str = "edubasealldata20251001.csv") -> str:
    response = client.post(URL, upload(content, name))
    assert response.status_code == 302
    work()
    return response.url


def test_the_upload_queues_a_preview_and_answers_at_once(admin, sample_bytes):
    response = admin.post(URL, upload(sample_bytes))
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response.url == f"{URL}{job.pk}/"
    assert (job.state, job.dry_run, job.kind) == ("queued", True, "establishments")
    assert default_storage.exists(job.file_name)
    assert DBTaskResult.objects.ready().count() == 1
    assert not School.objects.exists()
    html = page(admin, response.url)
    assert "Waiting for the background worker" in html
    assert "manage.py db_worker" in html  # no worker has run: how to start one
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Waiting for the background worker" in page(admin, response.url)  # a reload


def test_the_worker_makes_the_preview_which_survives_a_reload(admin, sample_bytes):
    url = previewed(admin, sample_bytes)
    for _ in range(2):
        html = page(admin, url)
        assert "Preview: nothing has been written yet" in html
        assert "Would have created 9" in html
        assert "Sainte-Thérèse Catholic Primary School" in html
        assert "Import this file" in html
        assert 'http-equiv="refresh"' not in html
    assert not School.objects.exists()


def test_confirming_queues_the_import_which_writes_and_shows_the_summary(admin, sample_bytes):
    url = previewed(admin, sample_bytes)
    name = ImportJob.objects.get().file_name
    response = admin.post(url, {"confirm": "1"})
    assert response.status_code == 302
    job = ImportJob.objects.get(dry_run=False)
    assert response.url == f"{URL}{job.pk}/"
    assert job.state == "queued" and job.file_name == name
    assert not School.objects.exists()  # queued, not run in the request
    assert "The import is waiting to start" in page(admin, response.url)
    work()
    for _ in range(2):
        html = page(admin, response.url)
        assert "Done: created 9" in html
        assert "Imported" in html
    assert School.objects.count() == 9 and RegisterRecord.objects.count() == 9
    assert not default_storage.exists(name)  # the stored upload is gone once imported
    # The preview was confirmed once: confirming again leads to the same import.
    again = admin.post(url, {"confirm": "1"})
    assert again.url == response.url
    assert ImportJob.objects.count() == 2
    assert "This file's import" in page(admin, url)


def test_links_file_through_the_same_page(admin, sample_bytes):
    admin.post(previewed(admin, sample_bytes), {"confirm": "1"})
    work()
    links = (
        b"URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n990104,990005,E,Successor,01-09-2019\n"
    )
    url = previewed(admin, links, "links.csv")
    assert "Would have recorded 1 new link" in page(admin, url)
    admin.post(url, {"confirm": "1"})
    work()
    assert RegisterLink.objects.filter(predecessor_urn="990104", successor_urn="990005").exists()


def test_a_refused_file_shows_each_bad_line_and_writes_nothing(admin, sample_bytes):
    rows = rows_of(sample_bytes)
    url = previewed(admin, as_csv([*rows, rows[1]]).encode("cp1252"))
    before = dump()
    for _ in range(2):
        html = page(admin, url)
        assert "The file was refused: nothing was imported" in html
        assert "<td>11</td><td>URN 990001 is also on line 2.</td>" in html
        assert "Import this file" not in html
    job = ImportJob.objects.get()
    assert job.state == "refused" and job.file_name == ""  # the refused upload is deleted
    assert admin.post(url, {"confirm": "1"}).status_code == 302
    work()
    assert not School.objects.exists() and dump() == before
    assert ImportJob.objects.count() == 1


def test_another_admin_cannot_see_or_confirm_the_job(admin, sample_bytes):
    url = previewed(admin, sample_bytes)
    other = sign_in(PersonFactory(school=None, job_title="Alliance administrator"), admin=True)
    assert other.get(url).status_code == 404
    assert other.post(url, {"confirm": "1"}).status_code == 404
    assert ImportJob.objects.count() == 1
    # The uploader who is no longer an admin loses the job too.
    admin.user.is_staff = admin.user.is_superuser = False
    admin.user.save()
    assert admin.get(url).status_code == 302  # to admin's sign-in
    assert admin.post(url, {"confirm": "1"}).status_code == 302
    assert ImportJob.objects.count() == 1
    work()
    assert not School.objects.exists()


def test_a_running_job_shows_its_progress_and_refreshes(admin, sample_bytes):
    response = admin.post(URL, upload(sample_bytes))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        state="running", stage="checking", rows_done=12_000, rows_total=25_000
    )
    html = page(admin, response.url)
    assert "Checking: 12,000 of about 25,000 rows" in html
    assert '<progress id="progress" max="25000" value="12000">' in html
    assert '<meta http-equiv="refresh" content="2">' in html
    ImportJob.objects.filter(pk=job.pk).update(stage="writing", rows_done=0, rows_total=None)
    assert "Working out what would change</label>" in page(admin, response.url)


def test_a_new_upload_replaces_the_unconfirmed_preview(admin, sample_bytes):
    first = previewed(admin, sample_bytes)
    name = ImportJob.objects.get().file_name
    previewed(admin, sample_bytes)
    assert not default_storage.exists(name)
    assert "This preview has expired" in page(admin, first)
    response = admin.post(first, {"confirm": "1"})
    assert response.url == URL
    assert not ImportJob.objects.filter(dry_run=False).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n", "This is a PDF document"),
        (b"", "is empty: choose another."),
        (b"URN,Town\n990001,Testbridge\n", "EstablishmentName are missing"),
        ("URN,EstablishmentName\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_files_are_refused_at_once_and_change_nothing(admin, content, message):
    response = admin.post(URL, upload(content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not School.objects.exists() and not ImportJob.objects.exists()


def test_a_file_over_the_limit_is_refused(admin, settings, sample_bytes):
    settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES = 1000
    response = admin.post(URL, upload(sample_bytes))
    assert response.status_code == 400
    assert "the largest file accepted here is 0 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_default_limit_refuses_a_100_mb_upload_but_takes_the_england_file(settings):
    assert 60 * 1_048_576 < settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES < 100 * 1_048_576


def test_staff_cannot_reach_the_import_page(staff, anonymous, sample_bytes):
    assert staff.post(URL, upload(sample_bytes)).status_code == 302  # admin's own sign-in
    assert anonymous.get(URL).status_code == 302
    assert not ImportJob.objects.exists()


def test_wrong_method_is_refused(admin, sample_bytes):
    assert admin.delete(URL).status_code == 405
    admin.post(URL, upload(sample_bytes))
    assert admin.delete(f"{URL}{ImportJob.objects.get().pk}/").status_code == 405


def test_changelist_links_to_the_import_page(admin):
    response = admin.get("/admin/registers/registerrecord/")
    assert URL in response.content.decode()


def test_the_preview_lists_each_change_and_what_the_school_keeps(admin, sample_bytes):
    admin.post(previewed(admin, sample_bytes), {"confirm": "1"})
    work()
    school = School.objects.get(urn="990001")
    school.website = "https://abbey-fields.example.org/"
    school.save()
    changed = sample_bytes.replace(b"Abbey Fields Road", b"Abbey Fields Lane")
    changed = changed.replace(b"www.abbey-fields-primary-school", b"www.abbey-new")
    html = page(admin, previewed(admin, changed))
    assert "Updated; address_line1: Abbey Fields Road → Abbey Fields Lane" in html
    assert "kept the school's own website" in html
    school.refresh_from_db()
    assert school.address_line1 == "Abbey Fields Road"  # only a preview so far


def test_the_job_page_costs_the_same_queries_whatever_the_rows(admin, sample_bytes):
    url = previewed(admin, sample_bytes)
    admin.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert admin.get(url).status_code == 200
    assert len(queries) <= 6


def test_with_a_worker_seen_lately_the_page_only_says_the_job_waits(admin, sample_bytes):
    previewed(admin, sample_bytes)  # the worker ran: its heartbeat is fresh
    response = admin.post(URL, upload(sample_bytes))
    html = page(admin, response.url)
    assert "Waiting for the background worker" in html
    assert "manage.py db_worker" not in html


def test_a_preview_still_waiting_cannot_be_imported(admin, sample_bytes):
    response = admin.post(URL, upload(sample_bytes))
    confirm = admin.post(response.url, {"confirm": "1"}, follow=True)
    assert "Only a finished preview can be imported." in confirm.content.decode()
    assert not ImportJob.objects.filter(dry_run=False).exists()
    work()
    assert not School.objects.exists()
