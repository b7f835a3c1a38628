"""Coordinators edit their partnership's page and members, and chairs their group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.audit import security_log
from partnerships.forms import (
    GroupForm,
    MembershipAddForm,
    MembershipEditForm,
    MembershipEndForm,
    PartnershipPageForm,
    ordered_texts,
    statement_formset,
)
from partnerships.models import Membership, Statement
from partnerships.rules import can_coordinate_partnership
from partnerships.services import (
    group_update,
    membership_end,
    membership_save,
    partnership_update_page,
)
from partnerships.views.access import (
    get_group_for_user,
    get_membership_for_user,
    get_partnership_for_user,
)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The description, aims and commitments (ordered lists) of the partnership."""
    partnership = get_partnership_for_user(request, slug, action="coordinate")
    statements = list(partnership.statements.all())
    data = request.POST if request.method == "POST" else None
    form = PartnershipPageForm(data, instance=partnership)
    aims = statement_formset(partnership, Statement.Kind.AIM, data, statements)
    commitments = statement_formset(partnership, Statement.Kind.COMMITMENT, data, statements)
    if request.method == "POST" and all(f.is_valid() for f in (form, aims, commitments)):
        partnership_update_page(
            partnership=partnership,
            description=form.cleaned_data["description"],
            aims=ordered_texts(aims),
            commitments=ordered_texts(commitments),
        )
        messages.success(request, "The partnership's page has been saved.")
        return redirect(partnership)
    context = {
        "partnership": partnership,
        "form": form,
        "formsets": [("Aims", aims), ("Commitments", commitments)],
        "error_forms": _with_errors(form, *aims.forms, *commitments.forms),
    }
    return render(request, "partnerships/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_user(request, slug, action="coordinate")
    form = MembershipAddForm(request.POST or None, instance=Membership(partnership=partnership))
    return _membership_page(
        request,
        form,
        save=lambda: membership_save(membership=form.instance),
        change="added",
        done="{school} has been added.",
        title="Add a member school",
    )


@dataclass(frozen=True)
class MembershipChange:
    """Changing a membership's details, or ending it: its form, service and words."""

    form: type
    save: Callable[[Membership], object]
    change: str  # as the audit log records it
    done: str
    title: str


MEMBERSHIP_CHANGES = {
    "edit": MembershipChange(
        form=MembershipEditForm,
        save=lambda membership: membership_save(membership=membership),
        change="changed",
        done="The membership of {school} has been saved.",
        title="{school}: membership",
    ),
    "end": MembershipChange(
        form=MembershipEndForm,
        save=lambda membership: membership_end(membership=membership, left_on=membership.left_on),
        change="ended",
        done="The membership of {school} has ended.",
        title="End the membership of {school}",
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def membership_change(request: HttpRequest, slug: str, pk: int, step: str) -> HttpResponse:
    """Change a member school's membership or end it (`step`, fixed by the URL)."""
    membership = get_membership_for_user(request, slug, pk)
    how = MEMBERSHIP_CHANGES[step]
    return _membership_page(
        request,
        how.form(request.POST or None, instance=membership),
        save=lambda: how.save(membership),
        change=how.change,
        done=how.done,
        title=how.title.format(school=membership.school),
    )


def _membership_page(
    request: HttpRequest, form, *, save: Callable[[], object], change: str, done: str, title: str
) -> HttpResponse:
    """Adding, changing or ending a membership: validate, save through the service (a rule it
    refuses shows on the form), log the change, confirm with `done` and go back to the
    partnership; otherwise the form with its errors."""
    membership = form.instance
    if request.method == "POST" and form.is_valid() and _saved(form, save):
        _log_membership(request, membership, change)
        messages.success(request, done.format(school=membership.school))
        return redirect(membership.partnership)
    context = {
        "partnership": membership.partnership,
        "form": form,
        "title": title,
        "error_forms": _with_errors(form),
    }
    return render(request, "partnerships/membership_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    group = get_group_for_user(request, slug, group_slug, action="coordinate")
    appoints = can_coordinate_partnership(request.user, group.partnership)
    form = GroupForm(request.POST or None, instance=group, can_appoint_chairs=appoints)
    if request.method == "POST" and form.is_valid():
        group_update(
            group=group,
            description=form.cleaned_data["description"],
            cadence=form.cleaned_data["cadence"],
            members=form.cleaned_data["members"],
            chairs=form.cleaned_data["chairs"] if appoints else None,
        )
        messages.success(request, f"{group} has been saved.")
        return redirect(group)
    context = {
        "partnership": group.partnership,
        "group": group,
        "form": form,
        "error_forms": _with_errors(form),
    }
    return render(request, "partnerships/group_edit.html", context)


def _log_membership(request: HttpRequest, membership: Membership, change: str) -> None:
    security_log(
        kind="membership_changed",
        user=request.user,
        request=request,
        membership=membership.pk,
        partnership=membership.partnership_id,
        school=membership.school_id,
        coordinator=membership.coordinator_id,
        change=change,
    )


def _saved(form, save: Callable[[], object]) -> bool:
    """Run the service; a rule it refuses shows on the form instead of a server error."""
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _with_errors(*forms) -> list:
    """The forms to list in the error summary at the top of the page."""
    return [form for form in forms if form.is_bound and form.errors]
