"""A network group's objectives and their progress notes: read by its members, those who run
it and the heads of the partnership's schools; written by its chairs and coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from alliance.permissions import person_of
from partnerships.forms import ObjectiveForm, ObjectiveNoteForm
from partnerships.group_services import objective_add, objective_note_add
from partnerships.models import GroupObjective, NetworkGroup, ObjectiveNote
from partnerships.rules import can_coordinate_group
from partnerships.views.access import get_group_for_user


def _objectives_url(group: NetworkGroup) -> str:
    return reverse("partnerships:group_objectives", args=[group.partnership.slug, group.slug])


@login_required
@require_GET
def group_objectives(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Objectives, soonest due first, each with its notes, newest first, and who wrote them:
    two queries whatever their number (the notes with their authors in one)."""
    group = get_group_for_user(request, slug, group_slug, action="objectives")
    notes = ObjectiveNote.objects.select_related("author").only(
        "objective",
        "text",
        "written_on",
        "author__first_name",
        "author__last_name",
        "author__preferred_name",
        "author__erased_at",
    )
    objectives = group.objectives.prefetch_related(Prefetch("notes", queryset=notes))
    context = {
        "partnership": group.partnership,
        "group": group,
        "objectives": objectives,
        "can_write": can_coordinate_group(request.user, group),
    }
    return render(request, "partnerships/objectives.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def objective_add_view(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    group = get_group_for_user(request, slug, group_slug, action="coordinate")
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        objective = objective_add(group=group, **form.cleaned_data)
        messages.success(request, f"Objective added: {objective}.")
        return redirect(_objectives_url(group))
    context = {"partnership": group.partnership, "group": group, "form": form}
    return render(request, "partnerships/objective_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def objective_note_view(request: HttpRequest, slug: str, group_slug: str, pk: int) -> HttpResponse:
    group = get_group_for_user(request, slug, group_slug, action="coordinate")
    objective = get_object_or_404(GroupObjective, group=group, pk=pk)
    form = ObjectiveNoteForm(request.POST or None, objective=objective)
    if request.method == "POST" and form.is_valid():
        objective_note_add(
            objective=objective,
            author=person_of(request.user),
            text=form.cleaned_data["text"],
            status=form.cleaned_data["status"],
        )
        messages.success(request, f"Progress noted on {objective}.")
        return redirect(_objectives_url(group))
    context = {
        "partnership": group.partnership,
        "group": group,
        "objective": objective,
        "form": form,
    }
    return render(request, "partnerships/objective_form.html", context)
