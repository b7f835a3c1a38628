"""The register import as a background job: the admin page stores the upload and queues a task;
the task worker (`manage.py db_worker`) runs the dry run or the real import and writes its
progress and outcome on the ImportJob row, which the job page reads.

The import itself is `registers.importer.import_register` (or `registers.links.import_links`):
one transaction, all or nothing, exactly as the command runs it.
"""

from __future__ import annotations

import logging
import time

from django.core.files.storage import default_storage
from django.db import connection, connections
from django.utils import timezone
from django_tasks import task

from notifications.tasks import beat
from registers.files import CsvFileError, open_text
from registers.importer import ImportReport, import_register
from registers.links import LinksReport, import_links
from registers.models import ImportJob
from registers.structure import FileRefused

logger = logging.getLogger(__name__)
PREVIEW_ROWS = 200  # Rows the preview lists one by one; the rest are counted.
THROTTLE_SECONDS = 1.0


def count_rows(name: str) -> int:
    """About how many rows the stored file has (its line breaks less the header's): a cell
    with a line break in it makes this an overestimate."""
    lines = 0
    with default_storage.open(name, "rb") as binary:
        while chunk := binary.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(lines - 1, 0)


class ProgressWriter:
    """The import's progress callback: progress(stage, rows, total or None).

    Checking runs before the import opens its transaction, so the job row is updated on the
    task's own connection and the job page sees it at once. Writing runs inside that
    transaction: an update there would stay invisible until the end (and be rolled back with a
    dry run). On PostgreSQL the writing count goes through a second connection in autocommit
    (a plain UPDATE of the job row, which the import's transaction never touches). SQLite
    allows one writer at a time, so there the page shows "Writing" without a count: the stage
    is switched once checking has reached the last stretch of the file's estimated rows.
    Updates are throttled to about one a second.
    """

    def __init__(self, job: ImportJob) -> None:
        self.job_id = job.pk
        self.estimate = job.rows_total
        self.last_at = 0.0
        self.last_stage = ""
        self.last_rows = 0
        self.step = 0  # rows between two checking reports, as observed
        self.side = None  # the second connection (PostgreSQL)
        self.postgres = connection.vendor == "postgresql"

    def __call__(self, stage: str, rows: int, total: int | None) -> None:
        if stage == "checking":
            self.step = max(self.step, rows - self.last_rows)
            self.last_rows = rows
            if (
                not self.postgres
                and self.estimate
                and self.step
                and rows + self.step > self.estimate
            ):
                # The last report before the import starts writing: say so while we still can.
                self._update("writing", 0, None, on_side=False)
                return
        now = time.monotonic()
        if stage == self.last_stage and now - self.last_at < THROTTLE_SECONDS:
            return
        if stage == "checking":
            self._update(stage, rows, total or self.estimate, on_side=False)
        elif self.postgres:
            self._update(stage, rows, total, on_side=True)
        self.last_at = now

    def _update(self, stage: str, rows: int, total: int | None, *, on_side: bool) -> None:
        self.last_stage = stage
        if not on_side:
            ImportJob.objects.filter(pk=self.job_id).update(
                stage=stage, rows_done=rows, rows_total=total, updated_at=timezone.now()
            )
            return
        if self.side is None:
            self.side = connections.create_connection("default")
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET stage = %s, rows_done = %s, rows_total = %s, "  # noqa: S608
                "updated_at = %s WHERE id = %s",
                [stage, rows, total, timezone.now(), self.job_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def compact(report: ImportReport | LinksReport) -> dict:
    """What the job page needs of a report, small enough for a JSON column."""
    if isinstance(report, LinksReport):
        return {
            "messages": report.messages[:PREVIEW_ROWS],
            "more": max(len(report.messages) - PREVIEW_ROWS, 0),
        }
    listed = report.rows[:PREVIEW_ROWS]
    changed = sum(1 for row in listed if row.action in ("created", "updated"))
    return {
        "blanking": [
            {"line": r.line, "urn": r.urn, "name": r.name, "blanked": r.blanked}
            for r in report.blanking
        ],
        "rows": [
            {
                "line": r.line,
                "urn": r.urn,
                "name": r.name,
                "action": r.action,
                "changes": r.changes,
                "kept": r.kept,
                "flagged": r.flagged,
            }
            for r in listed
        ],
        "more": max(report.created + report.updated - changed, 0),
    }


def _import(job: ImportJob, progress: ProgressWriter) -> ImportReport | LinksReport:
    with default_storage.open(job.file_name, "rb") as binary:
        text, _encoding = open_text(binary)
        try:
            if job.kind == ImportJob.Kind.LINKS:
                return import_links(text=text, dry_run=job.dry_run)
            return import_register(text=text, dry_run=job.dry_run, progress=progress)
        finally:
            text.detach()  # The storage file is closed by its own `with`.


def finish(job: ImportJob, state: str, **fields) -> None:
    job.state = state
    job.finished_at = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    if job.file_name and (not job.dry_run or state != ImportJob.State.DONE):
        # The file is used up (imported or refused); a finished preview keeps it to confirm.
        default_storage.delete(job.file_name)
        job.file_name = ""
    job.save()


@task()
def run_import(job_id: str) -> str:
    """Run one queued ImportJob to its end: done, refused (nothing written) or failed."""
    beat()
    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).first()
    if job is None:
        return "gone"
    if not job.file_name or not default_storage.exists(job.file_name):
        finish(job, ImportJob.State.FAILED, error="The uploaded file is gone: upload it again.")
        return job.state
    job.state, job.stage, job.started_at = ImportJob.State.RUNNING, "checking", timezone.now()
    job.rows_total = count_rows(job.file_name)
    job.save()
    progress = ProgressWriter(job)
    try:
        report = _import(job, progress)
    except FileRefused as error:
        problems = [[problem.line, problem.reason] for problem in error.problems]
        finish(job, ImportJob.State.REFUSED, problems=problems)
    except CsvFileError as error:
        finish(job, ImportJob.State.REFUSED, error=f"{error} Nothing was imported.")
    except Exception:
        logger.exception("Register import job %s failed", job.pk)
        finish(
            job,
            ImportJob.State.FAILED,
            error="The import stopped on an unexpected error: nothing was imported.",
        )
        raise
    else:
        total = getattr(report, "created", 0) + getattr(report, "updated", 0)
        total += getattr(report, "unchanged", 0)
        finish(
            job,
            ImportJob.State.DONE,
            summary=report.summary(),
            report=compact(report),
            stage="",
            rows_done=total or job.rows_done,
            rows_total=total or job.rows_total,
        )
    finally:
        progress.close()
    return job.state
