"""Reads the school page needs from other apps' rows, each one query whatever its size."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import Person, RoleAssignment
from schools.models import School


def school_memberships(school: School, user) -> QuerySet[Membership]:
    """The school's current partnerships that `user` may see, with the partnership joined."""
    return (
        Membership.objects.current()
        .filter(school=school, partnership__in=Partnership.objects.visible_to(user))
        .select_related("partnership")
        .order_by("partnership__name")
    )


def school_network_groups(school: School, user) -> QuerySet[NetworkGroup]:
    """Network groups the school's staff belong to or chair, with their partnership joined."""
    staff_in = Exists(
        NetworkGroup.members.through.objects.filter(
            networkgroup=OuterRef("pk"), person__school=school
        )
    )
    return (
        NetworkGroup.objects.filter(partnership__in=Partnership.objects.visible_to(user))
        .filter(Q(staff_in) | Q(chair__school=school))
        .select_related("partnership")
        .order_by("name")
    )


def school_role_holders(school: School) -> QuerySet[Person]:
    """Staff of the school with a current alliance role, their roles prefetched: 2 queries."""
    current_role = RoleAssignment.objects.current().filter(person=OuterRef("pk"))
    return Person.objects.for_directory().filter(school=school).filter(Exists(current_role))


def school_upcoming_events(school: School, user, *, limit: int = 10) -> QuerySet[Event]:
    """The next events the school hosts that `user` may see."""
    return (
        Event.objects.visible_to(user)
        .filter(host_school=school)
        .upcoming()
        .select_related("partnership")[:limit]
    )
