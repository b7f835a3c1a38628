"""The whole of England (25,000 schools) through the admin page: every request answers in
under 2 s while the background worker checks and imports the file."""

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections

from registers.models import ImportJob, RegisterRecord
from schools.models import School
from tests.registers.damaged import national

# The worker runs outside a test transaction, as it does in production.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.national]
SCHOOLS = 25_000
URL = "/admin/registers/registerrecord/import/"
LIMIT = 2.0


class Requests:
    """The admin's requests, each timed as the wall-clock of the test client call."""

    def __init__(self, client) -> None:
        self.client = client
        self.timings: list[tuple[str, float]] = []
        self.statuses: list[int] = []

    def __call__(self, method: str, url: str, data=None):
        started = time.monotonic()
        response = getattr(self.client, method)(url, data or {})
        self.timings.append((f"{method.upper()} {url}", time.monotonic() - started))
        self.statuses.append(response.status_code)
        return response


def work_while_polling(requests: Requests, url: str) -> list[str]:
    """Run the worker (as `manage.py db_worker` does) while the admin keeps the job page open:
    the pages seen meanwhile.

    On SQLite (one writer at a time; the tests' in-memory database refuses at once rather than
    waiting) a page view's session write cannot happen while the import's transaction is open,
    so there the pages are only read before and after the worker's run."""
    seen: list[str] = []
    if connection.vendor == "sqlite":
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", verbosity=0)
        return seen
    done = threading.Event()

    def poll() -> None:
        try:
            while not done.is_set():
                seen.append(requests("get", url).content.decode())
                time.sleep(0.3)
        finally:
            connections.close_all()

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-reload", verbosity=0)
    finally:
        done.set()
        poller.join()
    return seen


def test_a_national_file_through_the_web_keeps_every_request_short(admin, sample_bytes, capsys):
    requests = Requests(admin)
    content = national(sample_bytes, SCHOOLS)
    upload = SimpleUploadedFile("edubasealldata.csv", content, content_type="text/csv")
    response = requests("post", URL, {"file": upload})
    assert response.status_code == 302
    preview_url = response.url
    assert "Waiting for the background worker" in requests("get", preview_url).content.decode()
    assert not School.objects.exists()

    seen = work_while_polling(requests, preview_url)
    if connection.vendor == "postgresql":
        assert any("Checking: " in html and "of about 25,000 rows" in html for html in seen)
    html = requests("get", preview_url).content.decode()
    assert f"Would have created {SCHOOLS}, updated 0, unchanged 0" in html
    assert f"And {SCHOOLS - 200:,} more schools created or updated." in html
    assert not School.objects.exists()

    response = requests("post", preview_url, {"confirm": "1"})
    assert response.status_code == 302
    import_url = response.url
    seen = work_while_polling(requests, import_url)
    if connection.vendor == "postgresql":  # counted through a second connection
        assert any("Writing: " in html and f"of {SCHOOLS:,} rows" in html for html in seen)
    html = requests("get", import_url).content.decode()
    assert f"Done: created {SCHOOLS}, updated 0, unchanged 0" in html
    assert School.objects.count() == RegisterRecord.objects.count() == SCHOOLS
    assert ImportJob.objects.get(dry_run=False).file_name == ""

    slowest = max(requests.timings, key=lambda timing: timing[1])
    with capsys.disabled():
        print(f"\n{len(requests.timings)} requests during the web import; slowest {slowest}")
    assert set(requests.statuses) == {200, 302}
    assert all(elapsed < LIMIT for _, elapsed in requests.timings), requests.timings
