"""Finding system leaders for a support request: role, specialism, current, with capacity."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from people.models import Person, RoleAssignment, Specialism
from schools.models import School
from support.models import Deployment, to_days


@dataclass
class LeaderMatch:
    person: Person
    roles: list[str] = field(default_factory=list)
    committed_days: Decimal = Decimal("0")

    @property
    def remaining_days(self) -> Decimal:
        return max(Decimal(settings.SUPPORT_MAX_DAYS_PER_LEADER) - self.committed_days, Decimal(0))

    @property
    def has_capacity(self) -> bool:
        return self.remaining_days > 0


def committed_days(person_ids, *, on: datetime.date | None = None) -> dict[int, Decimal]:
    """Days agreed in each leader's current deployments: one query for any number of leaders."""
    totals: dict[int, Decimal] = {}
    rows = (
        Deployment.objects.current(on)
        .filter(system_leader__in=person_ids)
        .values("system_leader", "time_unit")
        .annotate(total=Sum("time_agreed"))
        .order_by()
    )
    for row in rows:
        days = to_days(row["total"], row["time_unit"])
        totals[row["system_leader"]] = totals.get(row["system_leader"], Decimal(0)) + days
    return totals


def find_system_leaders(
    *, specialism: Specialism, school: School, on: datetime.date | None = None
) -> list[LeaderMatch]:
    """People holding a current system-leader role in `specialism`, outside `school`, with the
    days already committed: two queries whatever the number of leaders."""
    on = on or timezone.localdate()
    assignments = (
        RoleAssignment.objects.current(on)
        .filter(
            role_type__is_system_leader=True,
            specialism=specialism,
            person__erased_at__isnull=True,
        )
        .exclude(person__school=school)
        .select_related("person__school", "role_type")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    matches: dict[int, LeaderMatch] = {}
    for assignment in assignments:
        match = matches.setdefault(assignment.person_id, LeaderMatch(person=assignment.person))
        label = str(assignment.role_type)
        if label not in match.roles:
            match.roles.append(label)
    for person_id, days in committed_days(list(matches), on=on).items():
        matches[person_id].committed_days = days
    return list(matches.values())
