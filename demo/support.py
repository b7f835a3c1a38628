"""Demo support: requests from three schools, deployments with visits, one completed.

Called at the end of the demo's build (demo.builder); every row is found by a stable key first, so a
second build changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from partnerships.models import Partnership
from people.models import RoleAssignment
from schools.models import School
from support.models import Deployment, RequestStatus, SupportRequest, TimeUnit, Visit

COMPLETED_AT = datetime.datetime(2025, 7, 18, 16, 0, tzinfo=datetime.UTC)


def build_support_demo(
    builder, *, town: Partnership, clusters: dict[str, Partnership], schools: list[School]
) -> None:
    today = builder.today
    sles = list(
        RoleAssignment.objects.filter(
            role_type__abbreviation="SLE", specialism__isnull=False, ends_on__isnull=True
        )
        .select_related("person__school", "specialism")
        .order_by("person__email")
    )
    if len(sles) < 3:
        return
    # (school asking, leader's role, partnership, deployed?, completed?)
    plans = [
        (schools[0], sles[0], town, True, False),
        (schools[9], sles[1], clusters["Central"], True, True),
        (schools[11], sles[2], clusters["Central"], False, False),
    ]
    for school, role, partnership, deployed, completed in plans:
        if role.person.school_id == school.pk:
            continue
        request = builder._get_or_create(
            SupportRequest,
            school=school,
            specialism=role.specialism,
            defaults={
                "needs": f"Our results in {role.specialism.name} dipped last summer. We "
                "would like a system leader to review our teaching and coach two teachers.",
                "wanted_from": today - datetime.timedelta(days=200 if completed else 20),
                "wanted_until": today + datetime.timedelta(days=120),
                "status": RequestStatus.MET if deployed else RequestStatus.OPEN,
                "requested_by": school.headteacher,
            },
        )
        if not deployed:
            continue
        starts = today - datetime.timedelta(days=210 if completed else 60)
        deployment = builder._get_or_create(
            Deployment,
            request=request,
            system_leader=role.person,
            defaults={
                "supported_school": school,
                "partnership": partnership,
                "specialism": role.specialism,
                "focus": f"{role.specialism.name}: coaching and a review of teaching",
                "starts_on": starts,
                "ends_on": starts + datetime.timedelta(days=190 if completed else 120),
                "time_unit": TimeUnit.HOURS if completed else TimeUnit.DAYS,
                "time_agreed": Decimal(18 if completed else 6),
                "outcome": "Both teachers now plan together with the subject lead; pupils' "
                "work shows clearer reasoning and the end-of-year assessment rose by 8 points."
                if completed
                else "",
                "completed_at": COMPLETED_AT if completed else None,
            },
        )
        for step in range(3):
            builder._get_or_create(
                Visit,
                deployment=deployment,
                visited_on=starts + datetime.timedelta(days=10 + 20 * step),
                defaults={
                    "amount": Decimal(6 if completed else 1),
                    "note": [
                        "Learning walk and planning review.",
                        "Coaching session.",
                        "Team teaching and feedback.",
                    ][step],
                },
            )
