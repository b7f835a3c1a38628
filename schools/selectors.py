"""Reads the school page needs from other apps' rows, each one query whatever its size."""

from __future__ import annotations

from django.db.models import DateField, F, Q, QuerySet, Value

from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import DIRECTORY_ROLE_FIELDS, Person, RoleAssignment
from schools.models import School

# The columns both halves of the school page's UNION give, in this order.
_UNION_COLUMNS = ("_kind", "_name", "_slug", "_of_name", "_of_slug", "_role", "_joined_on")


def _union_part(queryset: QuerySet, *values) -> QuerySet:
    """`queryset` as one half of the UNION: `values` (expressions) as _UNION_COLUMNS, unordered
    (SQLite allows no ORDER BY inside a UNION)."""
    columns = dict(zip(_UNION_COLUMNS, values, strict=True))
    return queryset.annotate(**columns).order_by().values_list(*_UNION_COLUMNS)


def school_partnerships_and_groups(
    school: School, user
) -> tuple[list[Membership], list[NetworkGroup]]:
    """The school's current partnerships (its memberships) and the network groups its staff
    belong to or chair, those `user` may see, each list by name: one query, the two read as
    one UNION of the columns the page shows, as unsaved rows that carry them.

    Groups start from the school's staff (a few dozen rows by the school index), never from a
    join of every group's chair with every person."""
    visible = Partnership.objects.visible_to(user)
    memberships = _union_part(
        Membership.objects.current().filter(school=school, partnership__in=visible),
        Value(0),
        F("partnership__name"),
        F("partnership__slug"),
        Value(""),
        Value(""),
        F("role"),
        F("joined_on"),
    )
    staff = Person.objects.filter(school=school).values("pk")
    member_of = NetworkGroup.members.through.objects.filter(person__in=staff)
    groups = _union_part(
        NetworkGroup.objects.filter(partnership__in=visible).filter(
            Q(pk__in=member_of.values("networkgroup")) | Q(chair__in=staff)
        ),
        Value(1),
        F("name"),
        F("slug"),
        F("partnership__name"),
        F("partnership__slug"),
        Value(""),
        Value(None, output_field=DateField()),
    )
    partnerships: list[Membership] = []
    network_groups: list[NetworkGroup] = []
    rows = memberships.union(groups, all=True).order_by("_kind", "_name")
    for kind, name, slug, of_name, of_slug, role, joined_on in rows:
        if kind == 0:
            partnership = Partnership(name=name, slug=slug)
            partnerships.append(
                Membership(school=school, partnership=partnership, role=role, joined_on=joined_on)
            )
        else:
            partnership = Partnership(name=of_name, slug=of_slug)
            network_groups.append(NetworkGroup(name=name, slug=slug, partnership=partnership))
    return partnerships, network_groups


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
