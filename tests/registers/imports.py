"""Posting a CSV import as a browser does, shared by the people and membership import tests."""

from django.core.files.uploadedfile import SimpleUploadedFile


def upload(content: str, encoding: str = "utf-8", name: str = "rows.csv") -> dict:
    return {"file": SimpleUploadedFile(name, content.encode(encoding), content_type="text/csv")}


def imported(client, url: str, content: str):
    """Upload `content`, then confirm its preview: the response to the confirmation."""
    preview = client.post(url, upload(content))
    assert preview.status_code == 200, preview.content.decode()
    return client.post(url, {"content": preview.context["confirm"].initial["content"]})


def assert_rows_refused(client, url: str, good: str, bad_rows: list[tuple[str, str]]) -> None:
    """Upload `good` followed by each bad row: nothing is imported, and the page gives every
    bad row's reason (as the HTML shows it)."""
    content = good + "".join(f"{row}\n" for row, _ in bad_rows)
    response = client.post(url, upload(content))
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Nothing was imported: {len(bad_rows)} rows to fix" in html
    assert [reason for _, reason in bad_rows if reason not in html] == []


def run_import_jobs() -> None:
    """Run each queued register import job in this process, as the task worker runs it (the
    worker itself ends database connections, which a test inside a transaction cannot)."""
    from registers.jobs import run_import
    from registers.models import ImportJob

    for pk in (
        ImportJob.objects.filter(state="queued").order_by("created_at").values_list("pk", flat=True)
    ):
        run_import.call(str(pk))
