"""Django admin: register records, links, and the page that imports the register's files.

The import page takes the establishment extract (or the links file) and stores it in default
storage (swappable for object storage) under a random name; a background job (registers.jobs,
run by `manage.py db_worker`) checks it and works out what would change (a dry run). The job's
page follows its progress and, when the preview is ready, offers to import the file: a second
job on the same stored file. Only the admin who uploaded a file sees its jobs.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from notifications.tasks import worker_status
from registers.files import CsvFileError, open_text
from registers.forms import UploadForm
from registers.gias import HeaderError, column_index
from registers.jobs import run_import
from registers.models import ImportJob, RegisterLink, RegisterRecord
from registers.rules import can_import_register
from registers.structure import CheckedReader


def _kind(binary) -> str:
    """establishments or links, from the header; CsvFileError for any other file."""
    text, _encoding = open_text(binary)
    try:
        header = CheckedReader(text).header
        if "LinkURN" in header:
            return ImportJob.Kind.LINKS
        try:
            column_index(header)
        except HeaderError as error:
            raise CsvFileError(str(error)) from None
        return ImportJob.Kind.ESTABLISHMENTS
    finally:
        text.detach()  # The caller still owns (and closes) the file.


def _enqueue(job: ImportJob) -> None:
    transaction.on_commit(lambda: run_import.enqueue(str(job.pk)))


@admin.register(RegisterLink)
class RegisterLinkAdmin(admin.ModelAdmin):
    list_display = ["predecessor_urn", "successor_urn", "link_type", "established_on"]
    search_fields = ["predecessor_urn", "successor_urn"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(RegisterRecord)
class RegisterRecordAdmin(admin.ModelAdmin):
    list_display = ["urn", "school", "last_changed", "imported_at"]
    search_fields = ["urn", "school__name"]
    list_select_related = ["school"]
    raw_id_fields = ["school"]
    readonly_fields = ["imported_at"]
    change_list_template = "admin/registers/registerrecord/change_list.html"

    def get_urls(self):
        upload = self.admin_site.admin_view(self.import_view)
        job = self.admin_site.admin_view(self.job_view)
        return [
            path("import/", upload, name="registers_import"),
            path("import/<uuid:job>/", job, name="registers_import_job"),
            *super().get_urls(),
        ]

    def _context(self, request: HttpRequest, **extra) -> dict:
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        return {"title": "Import the public register", **context, **extra}

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not can_import_register(request.user):
            raise PermissionDenied
        if request.method not in ("GET", "POST"):
            return HttpResponse(status=405, headers={"Allow": "GET, POST"})
        limit = settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES
        context = self._context(request, form=UploadForm(limit=limit), refusal="")
        if request.method == "GET":
            return render(request, "admin/registers/import.html", context)
        form = UploadForm(request.POST, request.FILES, limit=limit)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                kind = _kind(upload.file)
            except CsvFileError as error:
                context["refusal"] = f"{error} Nothing was imported."
            else:
                return redirect(self._queue_preview(request, upload, kind))
        return render(request, "admin/registers/import.html", context, status=400)

    def _queue_preview(self, request: HttpRequest, upload, kind: str) -> str:
        # A new upload replaces this admin's previews that were never confirmed.
        for job in ImportJob.objects.filter(
            created_by=request.user, dry_run=True, state=ImportJob.State.DONE
        ).exclude(file_name=""):
            default_storage.delete(job.file_name)
            ImportJob.objects.filter(pk=job.pk).update(file_name="")
        upload.file.seek(0)
        name = default_storage.save(f"registers/uploads/{uuid.uuid4().hex}.csv", upload.file)
        job = ImportJob.objects.create(
            file_name=name, kind=kind, dry_run=True, created_by=request.user
        )
        _enqueue(job)
        return reverse("admin:registers_import_job", args=[job.pk])

    def job_view(self, request: HttpRequest, job: uuid.UUID) -> HttpResponse:
        # Someone else's job, or any job once the right to import is gone, does not exist.
        if not can_import_register(request.user):
            raise Http404
        found = (
            ImportJob.objects.filter(pk=job, created_by=request.user)
            .select_related("confirmed_as")
            .first()
        )
        if found is None:
            raise Http404
        if request.method == "POST":
            return self._confirm(request, found)
        if request.method != "GET":
            return HttpResponse(status=405, headers={"Allow": "GET, POST"})
        context = self._context(request, job=found, confirmed=_confirmed(found))
        if found.state == ImportJob.State.QUEUED:
            context.update(worker_status())
        return render(request, "admin/registers/import_job.html", context)

    def _confirm(self, request: HttpRequest, preview: ImportJob) -> HttpResponse:
        here = reverse("admin:registers_import_job", args=[preview.pk])
        confirmed = _confirmed(preview)
        if confirmed is not None:
            return redirect(reverse("admin:registers_import_job", args=[confirmed.pk]))
        if not (preview.dry_run and preview.state == ImportJob.State.DONE):
            messages.error(request, "Only a finished preview can be imported.")
            return redirect(here)
        if not preview.file_name or not default_storage.exists(preview.file_name):
            messages.error(request, "That upload has expired: upload the file again.")
            return redirect(reverse("admin:registers_import"))
        try:
            with transaction.atomic():
                job = ImportJob.objects.create(
                    file_name=preview.file_name,
                    kind=preview.kind,
                    dry_run=False,
                    created_by=request.user,
                    preview=preview,
                )
                # The file now belongs to the import: it deletes it when it ends.
                ImportJob.objects.filter(pk=preview.pk).update(file_name="")
                _enqueue(job)
        except IntegrityError:  # confirmed twice at once: the other one queued the import
            job = ImportJob.objects.get(preview=preview)
        return redirect(reverse("admin:registers_import_job", args=[job.pk]))


def _confirmed(preview: ImportJob) -> ImportJob | None:
    try:
        return preview.confirmed_as
    except ImportJob.DoesNotExist:
        return None
