"""Who may see an event, organise it, register for it and read its minutes."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from alliance.permissions import is_admin, person_of
from events.models import VISIBILITY, Event
from partnerships.rules import (
    can_coordinate_group,
    can_coordinate_partnership,
    chaired_groups,
    coordinating,
)
from people.models import Person


def can_view_event(user, event: Event) -> bool:
    return VISIBILITY.allows(user, event)


def can_organise_event(user, event: Event) -> bool:
    """The partnership's coordinators, the group's chair, and admins."""
    if is_admin(user):
        return True
    if event.network_group_id and can_coordinate_group(user, event.network_group):
        return True
    return bool(event.partnership_id and can_coordinate_partnership(user, event.partnership))


def can_register_for_event(user, event: Event) -> bool:
    return person_of(user) is not None and can_view_event(user, event)


def can_view_event_minutes(user, event: Event) -> bool:
    """Minutes and their documents are for signed-in members who may see the event."""
    return user.is_authenticated and can_view_event(user, event)


def can_plan_events(user) -> bool:
    """Whether the user organises anything at all: admins, coordinators and group chairs.

    Which partnerships and groups they may plan for is can_coordinate_partnership/_group.
    """
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    # Coordinator or chair, asked in one query.
    coordinates = coordinating(person).filter(coordinator=OuterRef("pk"))
    chairs = chaired_groups(person)
    return Person.objects.filter(Exists(coordinates) | Exists(chairs), pk=person.pk).exists()
