"""The edit page of a school's profile: the headteacher, its editors and admins only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.audit import security_log
from schools.facts import register_facts
from schools.forms import SchoolForm
from schools.models import School, SchoolCorrection
from schools.rules import can_manage_school
from schools.services import SchoolEditConflict, school_update
from schools.views.access import get_school_for_user

TEMPLATE = "schools/edit.html"


@login_required
@require_http_methods(["GET", "POST"])
def school_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the form (GET) or save it (POST). A save made from an out-of-date form is refused
    with what the other person changed, and the form keeps what this user typed."""
    school = get_school_for_user(request, slug, action="edit", queryset=School.objects.for_page())
    can_manage = can_manage_school(request.user, school)
    context = {
        "school": school,
        "conflict": None,
        "facts": register_facts(school),
        "corrections": list(SchoolCorrection.objects.filter(school=school).for_edit_page()),
    }
    if request.method == "GET":
        context["form"] = SchoolForm(instance=school, can_manage=can_manage)
        return render(request, TEMPLATE, context)

    # The form writes its values onto its instance while validating: give it its own copy.
    form_instance = School.objects.get(pk=school.pk)
    form = SchoolForm(request.POST, request.FILES, instance=form_instance, can_manage=can_manage)
    context["form"] = form
    if not form.is_valid():
        return render(request, TEMPLATE, context)
    try:
        changed = school_update(
            school=school,
            values=form.values(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
        )
    except SchoolEditConflict as conflict:
        # Offer the user's values again on top of the version now saved: saving once more
        # replaces the other person's changes knowingly, never silently.
        data = request.POST.copy()
        data["version"] = str(conflict.current.version)
        context["form"] = SchoolForm(data, instance=conflict.current, can_manage=can_manage)
        context["conflict"] = conflict
        return render(request, TEMPLATE, context, status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, TEMPLATE, context)
    if rights := sorted({"headteacher", "editors"} & set(changed)):
        security_log(
            kind="role_changed",
            user=request.user,
            request=request,
            school=school.pk,
            changed=rights,
        )
    if changed:
        messages.success(request, f"Saved. The profile of {school.name} is up to date.")
    else:
        messages.info(request, "Nothing to save: you made no changes.")
    return redirect(school)
