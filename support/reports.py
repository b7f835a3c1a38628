"""The support report a partnership gives its board: deployments and time in a period."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from partnerships.models import Partnership
from support.models import Deployment, Visit, to_days


@dataclass
class Line:
    label: str
    deployments: int = 0
    days_agreed: Decimal = Decimal(0)
    days_given: Decimal = Decimal(0)


@dataclass
class SupportReport:
    partnership: Partnership
    start: datetime.date
    end: datetime.date
    deployments: list[Deployment] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line("All support"))
    by_specialism: list[Line] = field(default_factory=list)
    by_school: list[Line] = field(default_factory=list)


def support_report(
    *, partnership: Partnership, start: datetime.date, end: datetime.date
) -> SupportReport:
    """Deployments under `partnership` overlapping the period, with days agreed and the days
    given by visits inside the period, totalled by specialism and by supported school.
    Two queries, whatever the number of deployments."""
    deployments = list(
        Deployment.objects.filter(partnership=partnership)
        .overlapping(start, end)
        .select_related("system_leader__school", "supported_school", "specialism")
        .order_by("starts_on", "id")
    )
    given = dict(
        Visit.objects.filter(deployment__in=[d.pk for d in deployments])
        .filter(visited_on__range=(start, end))
        .values("deployment")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("deployment", "total")
    )
    report = SupportReport(partnership=partnership, start=start, end=end)
    specialisms: dict[str, Line] = defaultdict(lambda: Line(""))
    schools: dict[str, Line] = defaultdict(lambda: Line(""))
    for deployment in deployments:
        deployment.days_given_in_period = to_days(
            given.get(deployment.pk, Decimal(0)), deployment.time_unit
        )
        for line in (
            report.total,
            specialisms[deployment.specialism.name],
            schools[deployment.supported_school.name],
        ):
            line.deployments += 1
            line.days_agreed += deployment.days_agreed
            line.days_given += deployment.days_given_in_period
        report.deployments.append(deployment)
    for name, line in sorted(specialisms.items()):
        line.label = name
        report.by_specialism.append(line)
    for name, line in sorted(schools.items()):
        line.label = name
        report.by_school.append(line)
    return report


REPORT_HEADER = [
    "Supported school",
    "System leader",
    "Leader's school",
    "Specialism",
    "Focus",
    "Starts",
    "Ends",
    "Days agreed",
    "Days given in period",
    "Completed",
    "Outcome",
]


def report_rows(report: SupportReport) -> list[list]:
    return [
        [
            d.supported_school.name,
            d.system_leader.display_name,
            d.system_leader.school.name if d.system_leader.school else "",
            d.specialism.name,
            d.focus,
            d.starts_on.isoformat(),
            d.ends_on.isoformat(),
            d.days_agreed,
            d.days_given_in_period,
            "yes" if d.is_completed else "no",
            d.outcome,
        ]
        for d in report.deployments
    ]
