"""Fetch a resource for a user: 404 when they may not see it, 403 when they may not change it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from alliance.permissions import is_admin, person_of
from partnerships.models import Membership, NetworkGroup, Partnership
from partnerships.rules import chaired_groups
from resources.models import Resource, Sharing
from resources.rules import can_edit_resource
from schools.models import School

# "view" needs no check of its own: the resource is fetched from what the user may see.
ACTIONS = {"view": None, "edit": can_edit_resource}


def get_resource_for_user(request: HttpRequest, pk: int, *, action: str = "view") -> Resource:
    allowed = ACTIONS[action]  # an unknown action is an error, never a pass
    # 404 unless the user may see it, by the list's own rule (ResourceQuerySet.visible_to).
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).select_related(
            "source_school", "specialism", "partnership", "author"
        ),
        pk=pk,
    )
    if allowed is not None and not allowed(request.user, resource):
        raise PermissionDenied
    return resource


def source_schools_for(user):
    """Schools a user may name as a resource's source: their own, and those they edit."""
    if is_admin(user):
        return School.objects.all()
    person = person_of(user)
    if person is None:
        return School.objects.none()
    return School.objects.filter(
        Q(pk=person.school_id) | Q(headteacher=person) | Q(editors=person)
    ).distinct()


def sharing_partnerships_for(user):
    """Partnerships a user may share with: those their school belongs to now."""
    if is_admin(user):
        return Partnership.objects.all()
    person = person_of(user)
    if person is None or person.school_id is None:
        return Partnership.objects.none()
    member_of = Membership.objects.current().filter(school_id=person.school_id)
    return Partnership.objects.filter(memberships__in=member_of).distinct()


def pinning_groups_for(user, resource: Resource):
    """Network groups this user chairs or coordinates, that can see the resource."""
    groups = NetworkGroup.objects.select_related("partnership").order_by("name")
    if resource.sharing == Sharing.PARTNERSHIP:
        groups = groups.filter(partnership_id=resource.partnership_id)
    if is_admin(user):
        return groups
    person = person_of(user)
    if person is None:
        return groups.none()
    coordinated = Membership.objects.current().filter(coordinator=person).values("partnership")
    chaired = chaired_groups(person).values("pk")
    return groups.filter(Q(pk__in=chaired) | Q(partnership__in=coordinated))
