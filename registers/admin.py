"""Django admin: register records, links, and the page that imports the register's files.

The import page takes the establishment extract (or the links file), checks it and shows what
would change (a dry run) before anything is written. The upload waits in default storage
(swappable for object storage) under a random name, known only to the uploader's session,
until they confirm or upload another.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from registers.files import CsvFileError, open_text
from registers.forms import UploadForm
from registers.importer import import_register
from registers.links import import_links
from registers.models import RegisterLink, RegisterRecord
from registers.rules import can_import_register
from registers.structure import FileRefused

SESSION_KEY = "registers_pending_upload"


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
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="registers_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not can_import_register(request.user):
            raise PermissionDenied
        if request.method not in ("GET", "POST"):
            return HttpResponse(status=405, headers={"Allow": "GET, POST"})
        context = {**self.admin_site.each_context(request), "title": "Import the public register"}
        context.update(form=UploadForm(limit=settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES))
        context.update(report=None, kind="", refusal="", problems=[], opts=self.model._meta)
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, context)
        if request.method == "POST":
            form = UploadForm(
                request.POST, request.FILES, limit=settings.REGISTERS_MAX_GIAS_UPLOAD_BYTES
            )
            context["form"] = form
            if form.is_valid():
                self._preview(request, form.cleaned_data["file"], context)
            status = 200 if context["report"] else 400
            return render(request, "admin/registers/import.html", context, status=status)
        return render(request, "admin/registers/import.html", context)

    def _run(self, binary, *, dry_run: bool):
        text, _encoding = open_text(binary)
        try:
            header = text.readline()
            text.seek(0)
            if "LinkURN" in header:
                return "links", import_links(text=text, dry_run=dry_run)
            return "establishments", import_register(text=text, dry_run=dry_run)
        finally:
            text.detach()  # The caller still owns (and closes) the file.

    def _preview(self, request: HttpRequest, upload, context: dict) -> None:
        try:
            kind, report = self._run(upload.file, dry_run=True)
        except FileRefused as error:
            context["problems"] = error.problems
            return
        except CsvFileError as error:
            context["refusal"] = f"{error} Nothing was imported."
            return
        self._discard(request)
        upload.file.seek(0)
        name = default_storage.save(f"registers/uploads/{uuid.uuid4().hex}.csv", upload.file)
        request.session[SESSION_KEY] = name
        context.update(kind=kind, report=report)

    def _confirm(self, request: HttpRequest, context: dict) -> HttpResponse:
        name = request.session.get(SESSION_KEY)
        if not name or not default_storage.exists(name):
            messages.error(request, "That upload has expired: upload the file again.")
            return redirect(reverse("admin:registers_import"))
        try:
            with default_storage.open(name, "rb") as binary:
                _kind, report = self._run(binary, dry_run=False)
        except CsvFileError as error:
            # The file was checked at the preview; only a changed database refuses it now.
            messages.error(request, f"Nothing was imported. {error}")
            return redirect(reverse("admin:registers_import"))
        finally:
            self._discard(request)
        messages.success(request, report.summary())
        return redirect(reverse("admin:registers_registerrecord_changelist"))

    def _discard(self, request: HttpRequest) -> None:
        name = request.session.pop(SESSION_KEY, None)
        if name and default_storage.exists(name):
            default_storage.delete(name)
