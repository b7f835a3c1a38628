"""The demo's partnerships: the town partnership and its clusters, a trust, a university ITT
partnership, their coordinators and the town's network groups."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from partnerships.models import (
    Cadence,
    Focus,
    Membership,
    MembershipRole,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
    PartnershipKind,
    Statement,
)
from people.models import Person
from schools.models import School


def build_partnerships(builder):
    """The partnerships and partner organisations: (town, clusters, trust, university, itt)."""
    town = builder._get_or_create(
        Partnership,
        slug="eastbridge-schools-partnership",
        defaults={
            "name": "Eastbridge Schools Partnership",
            "kind": PartnershipKind.ALLIANCE,
            "description": (
                "Every school in Eastbridge working together: three clusters of eight "
                "schools, network groups for each specialism, and a joint conference "
                "each summer."
            ),
            "starts_on": datetime.date(2015, 9, 1),
            "is_published": True,
        },
    )
    for position, text in enumerate(
        [
            "Raise standards of teaching and learning across every school in the town.",
            "Develop and deploy system leaders who support other schools.",
            "Give every member of staff access to joint professional development.",
        ]
    ):
        builder._get_or_create(
            Statement,
            partnership=town,
            kind=Statement.Kind.AIM,
            position=position,
            defaults={"text": text},
        )
    for position, text in enumerate(
        [
            "Host network meetings in turn and provide a chair and a minute-taker.",
            "Share resources and good practice openly with partner schools.",
        ]
    ):
        builder._get_or_create(
            Statement,
            partnership=town,
            kind=Statement.Kind.COMMITMENT,
            position=position,
            defaults={"text": text},
        )

    clusters = {
        name: builder._get_or_create(
            Partnership,
            slug=f"eastbridge-{name.lower()}-cluster",
            defaults={
                "name": f"Eastbridge {name} Cluster",
                "kind": PartnershipKind.REGIONAL_CLUSTER,
                "parent": town,
                "description": f"The eight schools of {name.lower()} Eastbridge.",
                "starts_on": datetime.date(2016, 9, 1),
                "is_published": True,
            },
        )
        for name in ("North", "Central", "South")
    }
    trust = builder._get_or_create(
        Partnership,
        slug="riverside-learning-trust",
        defaults={
            "name": "Riverside Learning Trust",
            "kind": PartnershipKind.TRUST,
            "description": (
                "A trust of seven schools whose heads visit one another on review days "
                "and share their strengths."
            ),
            "starts_on": datetime.date(2018, 4, 1),
            "is_published": True,
        },
    )
    university = builder._get_or_create(
        PartnerOrganisation,
        name="University of Eastbridge",
        defaults={
            "kind": PartnerOrganisation.Kind.UNIVERSITY,
            "website": "https://www.example.org/university",
        },
    )
    council = builder._get_or_create(
        PartnerOrganisation,
        name="Eastbridge Borough Council",
        defaults={"kind": PartnerOrganisation.Kind.LOCAL_AUTHORITY},
    )
    itt = builder._get_or_create(
        Partnership,
        slug="eastbridge-itt-partnership",
        defaults={
            "name": "University of Eastbridge ITT Partnership",
            "kind": PartnershipKind.UNIVERSITY_PARTNERSHIP,
            "description": "Schools that host and mentor the university's trainee teachers.",
            "starts_on": datetime.date(2012, 9, 1),
            "is_published": True,
        },
    )
    university.partnerships.add(itt)
    council.partnerships.add(town)
    return town, clusters, trust, university, itt


def build_coordinators(
    builder,
    *,
    town: Partnership,
    clusters: dict[str, Partnership],
    trust: Partnership,
    itt: Partnership,
    schools: list[School],
    heads: dict[int, Person],
) -> None:
    # Cluster coordinators are the heads of the first school in each cluster.
    for cluster in clusters.values():
        first = Membership.objects.filter(partnership=cluster).order_by("school__name").first()
        if first and first.coordinator_id is None:
            first.role = MembershipRole.LEAD
            first.coordinator = heads[first.school_id]
            first.save(update_fields=["role", "coordinator"])
            if cluster.lead_school_id is None:
                cluster.lead_school = first.school
                cluster.save(update_fields=["lead_school"])
    for partnership, school in ((town, schools[4]), (trust, schools[0]), (itt, schools[1])):
        membership = Membership.objects.filter(partnership=partnership, school=school).first()
        if membership and membership.coordinator_id is None:
            membership.role = MembershipRole.LEAD
            membership.coordinator = heads[school.pk]
            membership.save(update_fields=["role", "coordinator"])
        if partnership.lead_school_id is None:
            partnership.lead_school = school
            partnership.save(update_fields=["lead_school"])


def build_groups(
    builder,
    *,
    town: Partnership,
    schools: list[School],
    heads: dict[int, Person],
    staff_by_school: dict[int, list[Person]],
    roles: dict,
) -> list[NetworkGroup]:
    # Network groups in the town partnership, chaired by a member of staff.
    heads_group = _group(
        builder,
        town,
        "Headteachers' network",
        Focus.HEADS,
        heads[schools[4].pk],
        list(heads.values()),
        Cadence.HALF_TERMLY,
        None,
        roles,
    )
    role_members = {
        Focus.SEND: "SENCo",
        Focus.SBM: "School business manager",
        Focus.DEPUTY_HEADS: "Deputy headteacher",
        Focus.EARLY_YEARS: "Head of early years",
    }
    groups = [heads_group]
    for focus, name in [
        (Focus.SEND, "SEND network"),
        (Focus.MATHS, "Maths network"),
        (Focus.READING, "Reading network"),
        (Focus.EARLY_YEARS, "Early years network"),
        (Focus.SBM, "School business managers' network"),
        (Focus.DEPUTY_HEADS, "Deputy heads' cluster"),
    ]:
        if focus in role_members:
            members = [
                p
                for staff in staff_by_school.values()
                for p in staff
                if p.job_title == role_members[focus]
            ]
        else:
            members = [staff[4 + (i % 3)] for i, staff in enumerate(staff_by_school.values())]
        chair = members[builder.random.randrange(len(members))]
        groups.append(
            _group(
                builder, town, name, focus, chair, members, Cadence.HALF_TERMLY, heads_group, roles
            )
        )
    return groups


def _group(builder, partnership, name, focus, chair, members, cadence, reports_to, roles):
    group = builder._get_or_create(
        NetworkGroup,
        partnership=partnership,
        slug=slugify(name),
        defaults={
            "name": name,
            "focus": focus,
            "chair": chair,
            "cadence": cadence,
            "reports_to": reports_to,
            "description": f"The {name} meets {cadence.label.lower()} and reports to the "
            "headteachers.",
        },
    )
    group.members.add(*members)
    builder._role(chair, roles["Network chair"], None, partnership, years=1)
    return group
