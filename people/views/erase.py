"""GDPR erasure from the portal: a confirmation page for alliance admins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from people.access import get_person_for_user
from people.models import Person
from people.services import person_erase


@login_required
@require_http_methods(["GET", "POST"])
def person_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, action="erase", queryset=Person.objects.select_related("school")
    )
    if request.method == "POST":
        name = person.display_name
        person_erase(person=person, by=request.user)
        messages.success(request, f"{name}'s personal data was erased.")
        return redirect("people:list")
    return render(request, "people/erase.html", {"person": person})
