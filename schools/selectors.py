"""Reads the school page needs from other apps' rows, each one query whatever its size."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import DIRECTORY_ROLE_FIELDS, Person, RoleAssignment
from schools.models import School


def school_memberships(school: School, user) -> QuerySet[Membership]:
    """The school's current partnerships that `user` may see, with the partnership joined."""
    return (
        Membership.objects.current()
        .filter(school=school, partnership__in=Partnership.objects.visible_to(user))
        .select_related("partnership")
        .only("role", "joined_on", "school_id", "partnership__name", "partnership__slug")
        .order_by("partnership__name")
    )


def school_network_groups(school: School, user) -> QuerySet[NetworkGroup]:
    """Network groups the school's staff belong to or chair, with their partnership joined.

    Starts from the school's staff (a few dozen rows by the school index), never from a join
    of every group's chair with every person."""
    staff = Person.objects.filter(school=school).values("pk")
    member_of = NetworkGroup.members.through.objects.filter(person__in=staff)
    return (
        NetworkGroup.objects.filter(partnership__in=Partnership.objects.visible_to(user))
        .filter(Q(pk__in=member_of.values("networkgroup")) | Q(chair__in=staff))
        .select_related("partnership")
        .only("name", "slug", "partnership__name", "partnership__slug")
        .order_by("name")
    )


def school_role_holders(school: School) -> list[Person]:
    """Staff of the school with a current alliance role, by name, each with `current_roles`:
    one query (the current roles, with their holder joined)."""
    roles = (
        RoleAssignment.objects.current()
        .filter(person__school=school, person__erased_at__isnull=True)
        .select_related("person", "role_type", "specialism")
        # What the list shows: the holder's name and job, each role with its specialism.
        .only(
            *DIRECTORY_ROLE_FIELDS,
            "person__first_name",
            "person__last_name",
            "person__preferred_name",
            "person__job_title",
            "person__erased_at",
        )
        .order_by(
            "person__last_name",
            "person__first_name",
            "person_id",
            "role_type__ordering",
            "-starts_on",
            "pk",
        )
    )
    holders: dict[int, Person] = {}
    for role in roles:
        person = holders.setdefault(role.person_id, role.person)
        person.__dict__.setdefault("current_roles", []).append(role)
    return list(holders.values())


def school_upcoming_events(school: School, user, *, limit: int = 10) -> QuerySet[Event]:
    """The next events the school hosts that `user` may see."""
    return (
        Event.objects.visible_to(user)
        .filter(host_school=school)
        .upcoming()
        .select_related("partnership")
        .only("title", "starts_at", "partnership__name")[:limit]
    )
