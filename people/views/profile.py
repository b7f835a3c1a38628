"""A person's page, their vCard, and editing a profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import security_log
from alliance.permissions import is_admin, person_of
from people.access import get_person_for_user
from people.designations import from_rows as designations_from_rows
from people.forms import profile_form_class
from people.models import Person
from people.qualifications import qualifications_shown, year_groups_shown
from people.rules import (
    can_edit_person,
    can_erase_person,
    can_manage_posts,
    can_manage_roles,
    can_see_contacts,
)
from people.services import person_save_profile
from people.vcard import person_vcard


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A profile with current and past roles apart. A fixed number of queries, however many
    roles the person held (they come in one prefetch)."""
    user = request.user
    person = get_person_for_user(request, pk, queryset=Person.objects.for_profile())
    current_roles, past_roles = person.roles_split()
    context = {
        "person": person,
        "current_roles": current_roles,
        "past_roles": past_roles,
        "designations": designations_from_rows(person.designation_rows),
        "qualifications": qualifications_shown(person.qualification_rows),
        "year_groups": year_groups_shown(person.year_group_rows),
        "can_edit": can_edit_person(user, person),
        "can_manage_roles": can_manage_roles(user, person),
        "can_manage_posts": can_manage_posts(user, person),
        "can_erase": can_erase_person(user, person),
        "is_me": person_of(user) == person,
    }
    return render(request, "people/detail.html", context)


@login_required
@require_GET
def person_vcard_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, queryset=Person.objects.active().select_related("school", "organisation")
    )
    card = person_vcard(
        person,
        show_contacts=can_see_contacts(request.user, person),
        profile_url=request.build_absolute_uri(person.get_absolute_url()),
    )
    response = HttpResponse(card, content_type="text/vcard; charset=utf-8")
    filename = slugify(person.display_name) or f"person-{person.pk}"
    security_log(kind="export", user=request.user, request=request, what="vcard", person=person.pk)
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response


@login_required
@require_GET
def my_profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own profile, or a page saying their account has none yet."""
    person = person_of(request.user)
    if person is None:
        return render(request, "people/no_profile.html")
    return redirect(person)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The person themself, their school's head and editors, and admins edit a profile."""
    person = get_person_for_user(
        request,
        pk,
        action="edit",
        queryset=Person.objects.active().select_related("school", "organisation"),
    )
    is_me = person_of(request.user) == person
    form_class = profile_form_class(editor_is_admin=is_admin(request.user), editing_self=is_me)
    form = form_class(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST" and form.is_valid():
        person_save_profile(form=form, by=request.user)
        messages.success(request, "Profile saved.")
        return redirect(person)
    context = {"person": person, "form": form, "is_me": is_me}
    return render(request, "people/edit.html", context)
