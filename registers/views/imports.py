"""CSV imports with a preview: a school's people and roles, a partnership's member schools.

Upload -> every row validated -> either the list of bad rows (nothing written) or a preview
with a "Import these rows" button that posts the same content back, validated again in full
and written in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from alliance.lib.csv import csv_response
from partnerships.models import Partnership
from partnerships.views.access import get_partnership_for_user
from registers import csv_imports, membership_rows, people_rows
from registers.files import CsvFileError
from registers.forms import ConfirmForm, UploadForm
from registers.invitations import invitation_refusals, invite_new_people, new_people_count
from registers.rules import can_import_memberships, can_import_people
from schools.models import School
from schools.views.access import get_school_for_user


def school_to_import_into(request: HttpRequest, slug: str) -> School:
    """The school, 404 when the user may not see it (schools' own helper), 403 when they may
    not import its staff."""
    school = get_school_for_user(request, slug)
    if not can_import_people(request.user, school):
        raise PermissionDenied("Only the headteacher and alliance admins import staff lists.")
    return school


def partnership_to_import_into(request: HttpRequest, slug: str) -> Partnership:
    """The partnership, 404 when the user may not see it (partnerships' own helper), 403 when
    they may not import its members."""
    partnership = get_partnership_for_user(request, slug)
    if not can_import_memberships(request.user, partnership):
        raise PermissionDenied("Only the partnership's coordinators import its members.")
    return partnership


@dataclass(frozen=True)
class ImportKind:
    title: str
    target: Callable  # (request, slug) -> the school or partnership, or 404/403
    columns: list[str]
    required: list[str]
    example: list[str]
    plan: Callable
    apply: Callable
    template_url: str
    filename: str
    invites: bool = False  # the confirm page offers to invite the people it creates


def _posted_content(request: HttpRequest, context: dict) -> str | None:
    """The CSV text from an upload or from the preview's confirmation, or None."""
    if "content" in request.POST:
        confirm = ConfirmForm(request.POST)
        return confirm.cleaned_data["content"] if confirm.is_valid() else None
    form = UploadForm(request.POST, request.FILES)
    context["form"] = form
    return form.text() if form.is_valid() else None


def _import_page(request: HttpRequest, kind: ImportKind, target, back_url: str) -> HttpResponse:
    context = {
        "kind": kind,
        "target": target,
        "back_url": back_url,
        "template_url": reverse(kind.template_url, kwargs={"slug": target.slug}),
        "form": UploadForm(),
        "plan": None,
        "confirm": None,
        "refusal": "",
    }
    if request.method == "GET":
        return render(request, "registers/import.html", context)
    content = _posted_content(request, context)
    if content is not None:
        try:
            rows = csv_imports.read_text(content, columns=kind.columns, required=kind.required)
        except CsvFileError as error:
            context["refusal"] = str(error)
        else:
            plan = context["plan"] = kind.plan(target, rows)
            if plan.ok and "content" in request.POST:
                kind.apply(target, plan)
                messages.success(
                    request,
                    f"Imported {len(plan.rows)} row(s): {plan.count('create')} created, "
                    f"{plan.count('update')} updated, {plan.count('unchanged')} unchanged.",
                )
                if kind.invites and request.POST.get("invite"):
                    _invite(request, target, plan)
                return redirect(request.path)
            if plan.ok:
                context["confirm"] = ConfirmForm(initial={"content": content})
                if kind.invites and plan.count("create"):
                    context["new_people"] = new_people_count(plan)
                    context["invite_refusals"] = invitation_refusals(
                        user=request.user, school=target, plan=plan
                    )
                return render(request, "registers/import.html", context)
    return render(request, "registers/import.html", context, status=400)


def _invite(request: HttpRequest, school: School, plan: csv_imports.Plan) -> None:
    """Invite the people the import created, and say who was and who could not be."""
    refusals = invite_new_people(request=request, school=school, plan=plan)
    sent = new_people_count(plan) - len(refusals)
    if sent:
        messages.success(request, f"Sent {sent} invitation{'s' if sent != 1 else ''} to sign in.")
    for refusal in refusals:
        messages.warning(
            request, f"Line {refusal.line}: {refusal.email} was not invited. {refusal.reason}"
        )


KINDS = {
    "people": ImportKind(
        title="Import staff and their roles",
        target=school_to_import_into,
        columns=people_rows.PEOPLE_COLUMNS,
        required=people_rows.PEOPLE_REQUIRED,
        example=people_rows.PEOPLE_EXAMPLE,
        plan=lambda school, rows: people_rows.plan_people(school=school, rows=rows),
        apply=lambda school, plan: people_rows.apply_people(school=school, plan=plan),
        template_url="registers:people_template",
        filename="people-template.csv",
        invites=True,
    ),
    "memberships": ImportKind(
        title="Import member schools",
        target=partnership_to_import_into,
        columns=membership_rows.MEMBERSHIP_COLUMNS,
        required=membership_rows.MEMBERSHIP_REQUIRED,
        example=membership_rows.MEMBERSHIP_EXAMPLE,
        plan=lambda partnership, rows: membership_rows.plan_memberships(
            partnership=partnership, rows=rows
        ),
        apply=lambda partnership, plan: membership_rows.apply_memberships(
            partnership=partnership, plan=plan
        ),
        template_url="registers:memberships_template",
        filename="memberships-template.csv",
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """A school's staff list or a partnership's member schools (`kind`, fixed by the URL)."""
    spec = KINDS[kind]
    target = spec.target(request, slug)
    return _import_page(request, spec, target, target.get_absolute_url())


@login_required
@require_GET
def import_template(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The CSV to fill in for an import, with its columns and one example row."""
    spec = KINDS[kind]
    spec.target(request, slug)
    return csv_response(filename=spec.filename, header=spec.columns, rows=[spec.example])
