"""Fetch support objects for a user: 404 when they may not see it, 403 when they may not act."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from support.models import Deployment, SupportRequest
from support.rules import (
    can_deploy_for_request,
    can_edit_support_request,
    can_record_deployment,
)

# "view" needs no check of its own: the object is fetched from what the user may see.
REQUEST_ACTIONS = {
    "view": None,
    "edit": can_edit_support_request,
    "deploy": can_deploy_for_request,
}
DEPLOYMENT_ACTIONS = {
    "view": None,
    "record": can_record_deployment,
}


def get_support_request_for_user(
    request: HttpRequest, pk: int, *, action: str = "view"
) -> SupportRequest:
    allowed = REQUEST_ACTIONS[action]  # an unknown action is an error, never a pass
    # 404 unless the user may see it, by the list's own rule (SupportRequestQuerySet.visible_to).
    support_request = get_object_or_404(
        SupportRequest.objects.visible_to(request.user).select_related(
            "school", "specialism", "requested_by"
        ),
        pk=pk,
    )
    if allowed is not None and not allowed(request.user, support_request):
        raise PermissionDenied
    return support_request


def get_deployment_for_user(request: HttpRequest, pk: int, *, action: str = "view") -> Deployment:
    allowed = DEPLOYMENT_ACTIONS[action]  # an unknown action is an error, never a pass
    # 404 unless the user may see it, by the list's own rule (DeploymentQuerySet.visible_to).
    deployment = get_object_or_404(
        Deployment.objects.visible_to(request.user).select_related(
            "system_leader__school", "supported_school", "partnership", "specialism", "request"
        ),
        pk=pk,
    )
    if allowed is not None and not allowed(request.user, deployment):
        raise PermissionDenied
    return deployment
