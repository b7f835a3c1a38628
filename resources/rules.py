"""Who may share, see, edit and pin a resource.

Seeing a resource has one definition, ResourceQuerySet.visible_to: the single-object check
asks it for the one row, so the list and the page cannot disagree.
"""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from partnerships.models import NetworkGroup
from partnerships.rules import can_coordinate_group
from resources.models import Resource
from schools.rules import can_edit_own_or_schools


def can_add_resource(user) -> bool:
    """Any member with a profile (and admins) may share a resource."""
    return is_admin(user) or person_of(user) is not None


def can_view_resource(user, resource: Resource) -> bool:
    """Alliance-wide resources: every signed-in user. Partnership-only resources: members of
    the partnership's current member schools, the author, the source school's editors.

    The rule is ResourceQuerySet.visible_to, asked for this one row (one query; none for the
    public)."""
    return Resource.objects.visible_to(user).filter(pk=resource.pk).exists()


def can_edit_resource(user, resource: Resource) -> bool:
    """The author, the source school's head and editors, and admins."""
    return can_edit_own_or_schools(
        user, owner_id=resource.author_id, school=lambda: resource.source_school
    )


def can_pin_in_group(user, group: NetworkGroup) -> bool:
    """A network group's chair and its partnership's coordinators pin resources for it."""
    return can_coordinate_group(user, group)
