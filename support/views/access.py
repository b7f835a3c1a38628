"""Fetch support objects for a user: 404 when they may not see it, 403 when they may not act."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from support.models import Deployment, SupportRequest
from support.rules import (
    can_deploy_for_request,
    can_edit_support_request,
    can_record_deployment,
    can_view_deployment,
    can_view_support_request,
)

REQUEST_ACTIONS = {
    "view": can_view_support_request,
    "edit": can_edit_support_request,
    "deploy": can_deploy_for_request,
}
DEPLOYMENT_ACTIONS = {
    "view": can_view_deployment,
    "record": can_record_deployment,
}


def get_support_request_for_user(
    request: HttpRequest, pk: int, *, action: str = "view"
) -> SupportRequest:
    support_request = get_object_or_404(
        SupportRequest.objects.select_related("school", "specialism", "requested_by"), pk=pk
    )
    if not can_view_support_request(request.user, support_request):
        raise Http404("No such support request.")
    if not REQUEST_ACTIONS[action](request.user, support_request):
        raise PermissionDenied
    return support_request


def get_deployment_for_user(request: HttpRequest, pk: int, *, action: str = "view") -> Deployment:
    deployment = get_object_or_404(
        Deployment.objects.select_related(
            "system_leader__school", "supported_school", "partnership", "specialism", "request"
        ),
        pk=pk,
    )
    if not can_view_deployment(request.user, deployment):
        raise Http404("No such deployment.")
    if not DEPLOYMENT_ACTIONS[action](request.user, deployment):
        raise PermissionDenied
    return deployment
