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
    can_see_group_objectives,
    can_view_partnership,
    chair_annotations,
    coordinator_annotations,
    objective_reader_annotations,
)

Action = Literal["view", "coordinate", "objectives"]


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
    page: bool = False,
    queryset: NetworkGroupQuerySet | None = None,
) -> NetworkGroup:
    """`page`: with the lists the group page shows (NetworkGroupQuerySet.with_people_lists);
    `queryset` (all groups by default) may ask for more to be read with the row."""
    groups = NetworkGroup.objects.all() if queryset is None else queryset
    groups = groups.select_related(
        "partnership__lead_school",
        "partnership__parent",
        "chair__school",
        "reports_to__partnership",
    )
    if page:
        groups = groups.with_people_lists()
    # The group with its partnership, in one query: whether the user chairs the group and
    # coordinates the partnership come with the row (the edit links and the rules).
    coordinates = coordinator_annotations(request.user, NetworkGroup, link="partnership_id")
    group = get_object_or_404(
        groups.annotate(
            **chair_annotations(request.user),
            **objective_reader_annotations(request.user),
            **coordinates,
        ),
        partnership__slug=slug,
        slug=group_slug,
    )
    partnership = group.partnership
    for key in coordinates:  # The partnership's answer, where the rules look for it.
        partnership.__dict__[key] = group.__dict__.pop(key)
    if not can_view_partnership(request.user, partnership):
        raise Http404("No such partnership.")
    if action == "coordinate" and not can_coordinate_group(request.user, group):
        raise PermissionDenied("Only the group's chair and coordinators may change it.")
    if action == "objectives" and not can_see_group_objectives(request.user, group):
        raise PermissionDenied(
            "A group's objectives are for its members, those who run it and the heads of the "
            "partnership's schools."
        )
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
