"""A partner organisation's page (the partnerships it works with, its people and the roles
held there) and its edit page, for the coordinators of those partnerships."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance.lib.pagecache import public_page
from partnerships.forms import OrganisationForm
from partnerships.group_services import organisation_update
from partnerships.models import PartnerOrganisation, Partnership
from partnerships.rules import (
    can_edit_organisation,
    can_see_member_people,
    organisation_editor_annotations,
)
from people.models import Person, RoleAssignment

PERSON_FIELDS = ["first_name", "last_name", "preferred_name", "job_title", "erased_at"]


def _organisation(request: HttpRequest, pk: int) -> PartnerOrganisation:
    """The organisation, with whether the user may edit it (no query more for that)."""
    organisations = PartnerOrganisation.objects.annotate(
        **organisation_editor_annotations(request.user)
    )
    return get_object_or_404(organisations, pk=pk)


@public_page
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What the organisation is, the partnerships it works with that the user may see, and for
    signed-in users its people and the current roles held there. A fixed number of queries:
    the organisation (with whether the user edits it), its partnerships, its people, the roles
    (with their holders)."""
    user = request.user
    organisation = _organisation(request, pk)
    show_people = can_see_member_people(user, None)
    partnerships = Partnership.objects.visible_to(user).filter(partner_organisations=organisation)
    people, roles = [], []
    if show_people:
        people = (
            Person.objects.active()
            .filter(organisation=organisation)
            .only(*PERSON_FIELDS)
            .order_by("last_name", "first_name")
        )
        roles = (
            RoleAssignment.objects.current()
            .filter(organisation=organisation, person__erased_at__isnull=True)
            .select_related("person", "role_type", "specialism")
            .only(
                "starts_on",
                "role_type__name",
                "role_type__abbreviation",
                "specialism__name",
                *[f"person__{name}" for name in PERSON_FIELDS],
            )
            .order_by("role_type__ordering", "person__last_name", "pk")
        )
    context = {
        "organisation": organisation,
        "partnerships": partnerships.only("name", "slug").order_by("name"),
        "show_people": show_people,
        "people": people,
        "roles": roles,
        "can_edit": user.is_authenticated and can_edit_organisation(user, organisation),
    }
    return render(request, "partnerships/organisation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied(
            "Only the coordinators of a partnership it works with may change this organisation."
        )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_update(organisation=organisation, **form.cleaned_data)
        messages.success(request, f"{organisation} has been saved.")
        return redirect(organisation)
    return render(
        request, "partnerships/organisation_edit.html", {"organisation": organisation, "form": form}
    )
