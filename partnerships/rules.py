"""Who may see a partnership and its people, and who coordinates it and its groups."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from alliance.permissions import is_admin, known, person_of
from partnerships.models import VISIBILITY, Membership, NetworkGroup, Partnership
from people.models import Person


def _coordinator_key(person: Person) -> str:
    return f"standing_{person.pk}_coordinates"


def coordinating(person: Person):
    """The current memberships `person` coordinates: what makes them a coordinator."""
    return Membership.objects.current().filter(coordinator=person.pk)


def coordinator_annotations(user, model) -> dict:
    """Annotations for a Partnership queryset that answer can_coordinate_partnership for `user`
    with the row itself, instead of one query more."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    return {
        _coordinator_key(person): Exists(coordinating(person).filter(partnership=OuterRef("pk")))
    }


def can_view_partnership(user, partnership: Partnership) -> bool:
    return VISIBILITY.allows(user, partnership)


def can_see_member_people(user, partnership: Partnership) -> bool:
    """Names of coordinators, chairs and group members: signed-in users only."""
    return user.is_authenticated


def can_coordinate_partnership(user, partnership: Partnership) -> bool:
    """Admins and the people named as a coordinator of a current membership."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return known(
        person,
        partnership,
        _coordinator_key(person),
        lambda: coordinating(person).filter(partnership=partnership.pk).exists(),
    )


def can_coordinate_group(user, group: NetworkGroup) -> bool:
    """The group's chair, the partnership's coordinators, and admins."""
    person = person_of(user)
    if person is not None and group.chair_id == person.pk:
        return True
    return can_coordinate_partnership(user, group.partnership)


def is_coordinator(user) -> bool:
    """Admins and anyone named coordinator on a current membership of some partnership."""
    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and Membership.objects.current().filter(coordinator=person).exists()
