"""What the rota planner reads from the database: member schools, their heads and staff, and
who hosted before. Four queries, whatever the number of schools."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from events.models import Event
from events.rota import HostSchool
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import Person


@dataclass
class RotaFacts:
    members: list[HostSchool]  # every current member school, by name
    hosts: list[HostSchool]  # those that host meetings (not opted out)
    hosted_before: dict[int, int]  # school id -> meetings hosted in this partnership/group
    people_choices: list[tuple[str, list[tuple[int, str]]]]  # by school, each named with it

    @property
    def school_choices(self) -> list[tuple[int, str]]:
        return [(s.id, s.name) for s in self.members]

    @property
    def head_of(self) -> dict[int, int | None]:
        return {s.id: s.head_id for s in self.members}


def rota_facts(partnership: Partnership, group: NetworkGroup | None) -> RotaFacts:
    memberships = list(
        Membership.objects.current()
        .filter(partnership=partnership)
        .select_related("school")
        .order_by("school__name")
    )
    school_ids = [m.school_id for m in memberships]
    group_member_ids = set(group.members.values_list("pk", flat=True)) if group else set()
    staff: dict[int, list[Person]] = {pk: [] for pk in school_ids}
    for person in Person.objects.active().filter(school_id__in=school_ids):
        staff[person.school_id].append(person)

    def school(m: Membership) -> HostSchool:
        head = m.school.headteacher_id
        people = sorted(
            staff[m.school_id],
            # Group members first (they come anyway), then everyone else, by name.
            key=lambda p: (p.pk not in group_member_ids, p.last_name, p.first_name),
        )
        return HostSchool(m.school_id, m.school.name, head, tuple(p.pk for p in people))

    members = [school(m) for m in memberships]
    hosting_ids = {m.school_id for m in memberships if m.hosts_meetings}
    past = Event.objects.filter(host_school_id__in=school_ids)
    past = past.filter(network_group=group) if group else past.filter(partnership=partnership)
    hosted_before = dict(
        past.values("host_school_id").annotate(n=Count("pk")).values_list("host_school_id", "n")
    )
    people_choices = [
        (
            m.school.name,
            [
                (p.pk, f"{p.display_name} ({m.school.name})")
                for p in sorted(staff[m.school_id], key=str)
            ],
        )
        for m in memberships
        if staff[m.school_id]
    ]
    return RotaFacts(
        members=members,
        hosts=[s for s in members if s.id in hosting_ids],
        hosted_before=hosted_before,
        people_choices=people_choices,
    )
