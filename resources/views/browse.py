"""Find resources, read one, download its file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.permissions import person_of
from resources.forms import CommentForm, PinForm, ResourceFilter
from resources.models import Resource
from resources.rules import can_add_resource, can_edit_resource
from resources.views.access import get_resource_for_user, pinning_groups_for

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "text": "text/plain; charset=utf-8",
}


@login_required
@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    """Search and filter the resources this user may see: a fixed number of queries (count,
    rows, their tags), whatever the number of rows."""
    filterset = ResourceFilter(request.GET, queryset=Resource.objects.visible_to(request.user))
    resources = filterset.qs.for_list()
    page = Paginator(resources, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    active = [
        (filterset.form[name].label, value, _without(query, name))
        for name, value in filterset.form.data.items()
        if name in filterset.filters and value
    ]
    context = {
        "filter": filterset,
        "page_obj": page,
        "query_string": query.urlencode(),
        "active_filters": active,
        "can_add": can_add_resource(request.user),
    }
    return render(request, "resources/list.html", context)


def _without(query, name: str) -> str:
    remaining = query.copy()
    remaining.pop(name, None)
    return remaining.urlencode()


def resource_page(request: HttpRequest, resource: Resource, *, comment_form=None):
    person = person_of(request.user)
    uses = resource.uses.all()
    groups = pinning_groups_for(request.user, resource)
    context = {
        "resource": resource,
        "tags": list(resource.tags.all()),
        "comments": list(resource.comments.select_related("author__school")),
        "use_count": uses.count(),
        "used_by_me": person is not None and uses.filter(person=person).exists(),
        "pins": list(resource.pins.select_related("group__partnership")),
        "can_edit": can_edit_resource(request.user, resource),
        "can_take_part": person is not None,
        "comment_form": comment_form or CommentForm(),
        "pin_form": PinForm(groups=groups),
        "can_pin": groups.exists(),
    }
    return render(request, "resources/detail.html", context)


@login_required
@require_GET
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A resource, where it came from, its comments, uses and pins: fixed queries whatever
    the number of comments or pins."""
    return resource_page(request, get_resource_for_user(request, pk))


@login_required
@require_GET
def resource_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, as an attachment, only to those who may see the resource."""
    resource = get_resource_for_user(request, pk)
    if not resource.file:
        raise Http404("This resource has no file.")
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.file_name or resource.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES.get(resource.file_type, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
