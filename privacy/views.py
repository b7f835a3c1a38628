"""Subject access (a person's archive) and erasure, from the person's page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import security_log
from accounts.models import SecurityEventKind
from alliance.lib.access import row_for_user
from people.models import Person
from people.rules import can_view_person
from privacy.archive import person_archive
from privacy.rules import can_download_archive, can_erase_person
from privacy.services import person_erase_everywhere

_ALLOWED = {"archive": can_download_archive, "erase": can_erase_person}


def _person(request: HttpRequest, pk: int, action: str) -> Person:
    return row_for_user(
        Person.objects.select_related("school"),
        request.user,
        can_view=can_view_person,
        rules=_ALLOWED,
        action=action,
        missing="No such person.",
        refused="Only the person themself or an alliance admin may do this.",
        pk=pk,
    )


@login_required
@require_GET
@never_cache
def person_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the portal holds about the person, as a zip (privacy.archive)."""
    person = _person(request, pk, "archive")
    today = timezone.localdate()
    data = person_archive(person, portal=settings.PORTAL_NAME, on=today)
    security_log(
        kind=SecurityEventKind.SUBJECT_ACCESS, user=request.user, request=request, person=pk
    )
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{pk}-{today}.zip"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Alliance admins: confirm, then erase (privacy.services.person_erase_everywhere)."""
    person = _person(request, pk, "erase")
    if request.method == "POST":
        name = person.display_name
        person_erase_everywhere(person=person, by=request.user)
        messages.success(request, f"{name}'s personal data was erased.")
        return redirect("people:list")
    return render(request, "privacy/erase.html", {"person": person})
