"""Fetch partnerships, groups and memberships for a user: 404 if they may not see it, 403 if
they may see it but not do `action` to it. The decisions are partnerships.rules'."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from partnerships.models import (
    Membership,
    NetworkGroup,
    NetworkGroupQuerySet,
    Partnership,
    PartnershipQuerySet,
)
from partnerships.rules import (
    can_coordinate_group,
    can_coordinate_partnership,
    can_view_partnership,
    coordinator_annotations,
)

Action = Literal["view", "coordinate"]


def get_partnership_for_user(
    request: HttpRequest,
    slug: str,
    *,
    action: Action = "view",
    queryset: PartnershipQuerySet | None = None,
) -> Partnership:
    """`queryset` (all partnerships by default) may ask for more to be read with the row."""
    queryset = Partnership.objects.all() if queryset is None else queryset
    # Whether the user coordinates it comes with the row (the planner and edit links).
    partnerships = queryset.select_related("lead_school", "parent").annotate(
        **coordinator_annotations(request.user, Partnership)
    )
    partnership = get_object_or_404(partnerships, slug=slug)
    if not can_view_partnership(request.user, partnership):
        raise Http404("No such partnership.")
    if action == "coordinate" and not can_coordinate_partnership(request.user, partnership):
        raise PermissionDenied("Only the partnership's coordinators may change it.")
    return partnership


def get_group_for_user(
    request: HttpRequest,
    slug: str,
    group_slug: str,
    *,
    action: Action = "view",
    queryset: NetworkGroupQuerySet | None = None,
) -> NetworkGroup:
    """`queryset` (all groups by default) may ask for more to be read with the row."""
    partnership = get_partnership_for_user(request, slug)
    queryset = NetworkGroup.objects.all() if queryset is None else queryset
    group = get_object_or_404(
        queryset.select_related("chair__school", "reports_to__partnership"),
        partnership=partnership,
        slug=group_slug,
    )
    group.partnership = partnership  # Already checked and loaded: reuse it.
    if action == "coordinate" and not can_coordinate_group(request.user, group):
        raise PermissionDenied("Only the group's chair and coordinators may change it.")
    return group


def get_membership_for_user(
    request: HttpRequest, slug: str, pk: int, *, action: Action = "coordinate"
) -> Membership:
    partnership = get_partnership_for_user(request, slug, action=action)
    membership = get_object_or_404(
        Membership.objects.select_related("school"), partnership=partnership, pk=pk
    )
    membership.partnership = partnership
    return membership
