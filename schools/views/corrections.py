"""Asking for a correction of a register fact: the people who may edit the school."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from schools.corrections import correction_request
from schools.forms import CorrectionRequestForm
from schools.views.access import get_school_for_user


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The form for one fact (?field=phase) or any; a valid request goes to the admins and
    the user back to the edit page, which lists their requests and where each stands."""
    school = get_school_for_user(request, slug, action="edit")
    if request.method == "POST":
        form = CorrectionRequestForm(request.POST, school=school)
        if form.is_valid():
            correction = correction_request(
                school=school,
                field=form.fact,
                proposed_value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            messages.success(
                request,
                f"Sent. An admin will check your correction of {correction.field_label.lower()}"
                " against the register; its state is listed below.",
            )
            return redirect(reverse("schools:edit", args=[school.slug]) + "#corrections")
    else:
        form = CorrectionRequestForm(school=school, field=request.GET.get("field", ""))
    return render(request, "schools/correction_new.html", {"school": school, "form": form})
