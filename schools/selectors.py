"""Reads the school page needs from other apps' rows, each one query whatever its size."""

from __future__ import annotations

from django.db.models import DateField, F, OuterRef, Q, QuerySet, Value

from alliance.lib.nested import json_rows
from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import Person, RoleAssignment
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


def school_current_staff(school: School) -> list[Person]:
    """The school's current staff (the people whose current post is here), by name, each with
    `current_roles`, the labels of the alliance roles they hold now ("SLE (Maths)"): one query,
    the roles folded into each person's row (alliance.lib.nested)."""
    roles = RoleAssignment.objects.current().filter(person=OuterRef("pk"))
    people = (
        Person.objects.active()
        .filter(school=school)
        .only("first_name", "last_name", "preferred_name", "job_title", "erased_at")
        .annotate(
            role_rows=json_rows(
                roles,
                link="person",
                fields=[
                    "role_type__ordering",
                    "role_type__name",
                    "role_type__abbreviation",
                    "specialism__name",
                ],
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
    staff = list(people)
    for person in staff:
        rows = sorted(
            person.role_rows or [],
            key=lambda row: (row["role_type__ordering"], row["role_type__name"]),
        )
        person.current_roles = [_role_label(row) for row in rows]
    return staff


def _role_label(row: dict) -> str:
    # As str(RoleAssignment): the abbreviation, or the name, and the specialism in brackets.
    label = row["role_type__abbreviation"] or row["role_type__name"]
    return f"{label} ({row['specialism__name']})" if row["specialism__name"] else label


def school_upcoming_events(school: School, user, *, limit: int = 10) -> QuerySet[Event]:
    """The next events the school hosts that `user` may see."""
    return (
        Event.objects.visible_to(user)
        .filter(host_school=school)
        .upcoming()
        .select_related("partnership")
        .only("title", "starts_at", "partnership__name")[:limit]
    )
