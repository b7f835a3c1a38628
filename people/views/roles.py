"""Giving a person a role and ending it (the ended role stays as a past role)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.audit import security_log
from people.access import get_person_for_user
from people.forms import EndRoleForm, RoleAssignmentForm
from people.models import Person
from people.services import PeopleError, role_assign, role_end


@login_required
@require_http_methods(["GET", "POST"])
def role_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, action="roles", queryset=Person.objects.select_related("school")
    )
    form = RoleAssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment = role_assign(person=person, by=request.user, **form.cleaned_data)
        _log_role(request, assignment, change="added")
        messages.success(request, f"{assignment} added to {person.display_name}'s roles.")
        return redirect(person)
    return render(request, "people/role_add.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def role_end_view(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, action="roles", queryset=Person.objects.select_related("school")
    )
    assignment = get_object_or_404(
        person.role_assignments.select_related("role_type", "specialism"), pk=role_pk
    )
    form = EndRoleForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            role_end(assignment=assignment, ends_on=form.cleaned_data["ends_on"], by=request.user)
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            _log_role(request, assignment, change="ended")
            messages.success(request, f"{assignment} ended; it now shows under past roles.")
            return redirect(person)
    context = {"person": person, "assignment": assignment, "form": form}
    return render(request, "people/role_end.html", context)


def _log_role(request: HttpRequest, assignment, *, change: str) -> None:
    security_log(
        kind="role_changed",
        user=request.user,
        request=request,
        person=assignment.person_id,
        role=assignment.pk,
        change=change,
    )
