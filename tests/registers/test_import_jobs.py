"""The import job's progress as the job page reads it, and a job whose file is gone."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from registers.jobs import ProgressWriter, count_rows, run_import
from registers.models import ImportJob

# Progress is written outside the import's transaction (or through a second connection), so the
# rows must be committed, as they are for the worker.
pytestmark = pytest.mark.django_db(transaction=True)


def job_for(admin, **fields) -> ImportJob:
    return ImportJob.objects.create(kind="establishments", created_by=admin.user, **fields)


def test_checking_and_writing_progress_reach_the_job_row(admin):
    job = job_for(admin, state="running", stage="checking", rows_total=2_500)
    progress = ProgressWriter(job)
    try:
        progress("checking", 1_000, None)
        job.refresh_from_db()
        assert (job.stage, job.rows_done, job.rows_total) == ("checking", 1_000, 2_500)
        progress("checking", 2_000, None)
        progress("writing", 1_000, 2_400)
        job.refresh_from_db()
        if connection.vendor == "postgresql":
            # Through the second connection: the exact count while the import writes.
            assert (job.stage, job.rows_done, job.rows_total) == ("writing", 1_000, 2_400)
        else:
            # SQLite: "writing" is said before the import's transaction, without a count.
            assert (job.stage, job.rows_done, job.rows_total) == ("writing", 0, None)
    finally:
        progress.close()
    response = admin.get(f"/admin/registers/registerrecord/import/{job.pk}/")
    assert "Working out what would change" in response.content.decode()


def test_progress_is_written_at_most_about_once_a_second(admin):
    job = job_for(admin, state="running", stage="checking", rows_total=100_000)
    progress = ProgressWriter(job)
    progress("checking", 1_000, None)
    progress("checking", 2_000, None)  # within the second: not written
    job.refresh_from_db()
    assert job.rows_done == 1_000


def test_rows_are_estimated_from_the_stored_file(admin):
    name = default_storage.save("registers/uploads/t.csv", ContentFile(b"URN\n1\n2\n3\n"))
    assert count_rows(name) == 3


def test_a_job_whose_file_is_gone_fails_with_a_message(admin):
    job = job_for(admin, file_name="registers/uploads/missing.csv")

    run_import.enqueue(str(job.pk))
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", verbosity=0)
    response = admin.get(f"/admin/registers/registerrecord/import/{job.pk}/")
    html = response.content.decode()
    assert "The import did not finish: nothing was imported" in html
    assert "The uploaded file is gone: upload it again." in html
