"""Share and edit resources; comment, say you used one, pin one for a network group."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alliance.permissions import person_of
from resources import services
from resources.forms import CommentForm, PinForm, ResourceForm
from resources.models import Resource
from resources.rules import can_add_resource
from resources.views.access import (
    get_resource_for_user,
    pinning_groups_for,
    sharing_partnerships_for,
    source_schools_for,
)
from resources.views.browse import resource_page


def _form(request: HttpRequest, resource: Resource) -> ResourceForm:
    person = person_of(request.user)
    initial = {}
    if resource.pk is None and person is not None and person.school_id:
        initial["source_school"] = person.school_id
    return ResourceForm(
        request.POST or None,
        request.FILES or None,
        instance=resource,
        initial=initial,
        schools=source_schools_for(request.user),
        partnerships=sharing_partnerships_for(request.user),
    )


def _save(request: HttpRequest, resource: Resource, template: str, message: str) -> HttpResponse:
    form = _form(request, resource)
    if request.method == "POST" and form.is_valid():
        saved = services.resource_save(
            resource=form.save(commit=False),
            tags=form.cleaned_data["tags"],
            author=person_of(request.user),
            file_kind=form.file_kind,
        )
        messages.success(request, message)
        return redirect(saved)
    return render(request, template, {"form": form, "resource": resource})


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    if not can_add_resource(request.user):
        raise PermissionDenied
    return _save(request, Resource(), "resources/form.html", "Thank you: your resource is shared.")


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk, action="edit")
    return _save(request, resource, "resources/form.html", "Your changes are saved.")


def _participant(request: HttpRequest):
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    return person


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk)
    person = _participant(request)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return resource_page(request, resource, comment_form=form)
    services.comment_add(resource=resource, author=person, body=form.cleaned_data["body"])
    messages.success(request, "Your comment is posted.")
    return redirect(resource)


@login_required
@require_POST
def use_create(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk)
    if services.use_record(resource=resource, person=_participant(request)):
        messages.success(request, "Thank you for saying you used this resource.")
    else:
        messages.info(request, "You have already said you used this resource.")
    return redirect(resource)


def _pin_group(request: HttpRequest, resource: Resource):
    form = PinForm(request.POST, groups=pinning_groups_for(request.user, resource))
    if not form.is_valid():
        raise PermissionDenied
    return form.cleaned_data["group"]


@login_required
@require_POST
def pin_create(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk)
    group = _pin_group(request, resource)
    services.pin_add(resource=resource, group=group, pinned_by=person_of(request.user))
    messages.success(request, f"Pinned for the {group.name}.")
    return redirect(resource)


@login_required
@require_POST
def pin_delete(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk)
    group = _pin_group(request, resource)
    services.pin_remove(resource=resource, group=group)
    messages.success(request, f"Unpinned from the {group.name}.")
    return redirect(resource)
