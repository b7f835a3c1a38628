"""Who receives notifications, whose settings a user may change, and who may message a group."""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from partnerships.models import NetworkGroup, Partnership
from partnerships.rules import can_coordinate_group, can_coordinate_partnership
from people.models import Person


def is_reachable(person: Person) -> bool:
    """Whether the portal may write to `person` at all: never once their data is erased, never
    once their account is closed (they have left), and only with an address to write to."""
    if person.erased_at or not person.email:
        return False
    user = getattr(person, "user", None)
    return user is None or user.is_active


def can_change_notifications(user, person: Person) -> bool:
    """A person's notification settings: the person themself, and alliance admins (support)."""
    if person.erased_at:
        return False
    if is_admin(user):
        return True
    viewer = person_of(user)
    return viewer is not None and viewer.pk == person.pk


def can_message_group(user, group: NetworkGroup) -> bool:
    """The group's chairs and co-leads, its partnership's coordinators and admins: members
    only read."""
    return can_coordinate_group(user, group)


def can_message_partnership(user, partnership: Partnership) -> bool:
    """The partnership's coordinators and admins."""
    return can_coordinate_partnership(user, partnership)
