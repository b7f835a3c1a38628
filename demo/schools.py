"""The demo's schools and their staff: 24 schools, each with a head, a deputy, a SENCo, a
business manager and teachers, some of them system leaders and mentors."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from accounts.models import SchoolEmailDomain
from demo.data import AGE_RANGES, SCHOOLS, TEACHER_TITLES, TOWN
from partnerships.models import Membership, MembershipRole, Partnership
from people.models import Person, RoleAssignment
from schools.models import (
    Designation,
    OfstedGrade,
    Phase,
    School,
    SchoolCorrection,
    UpdatedByRole,
)


def build_schools(
    builder,
    *,
    roles: dict,
    specs: dict,
    town: Partnership,
    clusters: dict[str, Partnership],
    trust: Partnership,
    itt: Partnership,
) -> tuple[list[School], dict[int, Person], dict[int, list[Person]]]:
    """The schools, their memberships and staff: (schools, heads by school, staff by school)."""
    schools: list[School] = []
    heads: dict[int, Person] = {}
    staff_by_school: dict[int, list[Person]] = {}
    for index, (name, phase, kind, cluster_name, in_trust) in enumerate(SCHOOLS, start=1):
        slug = slugify(name)
        low, high = AGE_RANGES[phase]
        pupils = builder.random.randint(180, 460) if phase != Phase.SECONDARY else 1050
        school = builder._get_or_create(
            School,
            slug=slug,
            defaults={
                "name": name,
                "urn": f"{990000 + index}",
                "laestab": f"999{2000 + index:04d}",
                "phase": phase,
                "establishment_type": kind,
                "address_line1": f"{builder.random.randint(1, 120)} {builder.fake.street_name()}",
                "town": TOWN,
                "local_authority": "Eastbridge",
                "postcode": f"EB{builder.random.randint(1, 9)} {builder.random.randint(1, 9)}"
                f"{builder.random.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{builder.random.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "telephone": builder._phone(),
                "email": f"office@{slug}.example.org",
                "website": f"https://{slug}.example.org/",
                "statutory_low_age": low,
                "statutory_high_age": high,
                "pupils_on_roll": pupils,
                "capacity": pupils + builder.random.randint(0, 60),
                "fsm_percent": round(builder.random.uniform(6, 45), 1),
                "eal_percent": round(builder.random.uniform(3, 40), 1),
                "ofsted_grade": (
                    grade := builder.random.choice(
                        [
                            OfstedGrade.GOOD,
                            OfstedGrade.GOOD,
                            OfstedGrade.OUTSTANDING,
                            OfstedGrade.REQUIRES_IMPROVEMENT,
                        ]
                    )
                ),
                # The outcome as published agrees with the grade of that inspection.
                "ofsted_outcome": grade.label,
                "ofsted_inspection_date": datetime.date(
                    2019 + builder.random.randint(0, 4), builder.random.randint(1, 12), 10
                ),
                "designation": Designation.TEACHING_SCHOOL_HUB if index == 5 else "",
                "ethos": (
                    f"{name} is a caring, ambitious school at the heart of its community. "
                    "We want every child to leave us confident, curious and kind."
                ),
                "alliance_offer": (
                    "We host network meetings, open our classrooms for peer visits and "
                    "share our curriculum planning."
                ),
                # The facts as if imported from the public register; the school's own
                # words stay the school's.
                "register_imported_at": builder._at(datetime.date(2026, 9, 1), 6),
                "updated_by_role": UpdatedByRole.REGISTER,
            },
        )
        schools.append(school)
        cluster = clusters[cluster_name]
        builder._get_or_create(
            Membership,
            school=school,
            partnership=town,
            defaults={"role": MembershipRole.MEMBER, "joined_on": datetime.date(2015, 9, 1)},
        )
        builder._get_or_create(
            Membership,
            school=school,
            partnership=cluster,
            defaults={"role": MembershipRole.MEMBER, "joined_on": datetime.date(2016, 9, 1)},
        )
        if in_trust:
            builder._get_or_create(
                Membership,
                school=school,
                partnership=trust,
                defaults={
                    "role": MembershipRole.MEMBER,
                    "joined_on": datetime.date(2018, 4, 1),
                },
            )
        if phase in (Phase.PRIMARY, Phase.SECONDARY) and index % 2 == 0:
            builder._get_or_create(
                Membership,
                school=school,
                partnership=itt,
                defaults={
                    "role": MembershipRole.MEMBER,
                    "joined_on": datetime.date(2014, 9, 1),
                },
            )
        elif phase == Phase.PRIMARY and index % 4 == 1:
            # A school that left, so the partnership page shows past members apart.
            builder._get_or_create(
                Membership,
                school=school,
                partnership=itt,
                joined_on=datetime.date(2014, 9, 1),
                defaults={"role": MembershipRole.MEMBER, "left_on": datetime.date(2021, 7, 31)},
            )

        # Staff: head, deputy, SENCo, SBM, early years lead, teachers.
        domain = f"{slug}.example.org"
        # Its headteacher may invite addresses at the school's own domain (accounts).
        builder._get_or_create(SchoolEmailDomain, school=school, domain=domain)
        head = builder._person(school, "Headteacher", domain=domain)
        builder._role(head, roles["Headteacher"], years=6)
        builder._role(head, roles["Designated safeguarding lead"], specs["Safeguarding"])
        deputy = builder._person(school, "Deputy headteacher", domain=domain)
        builder._role(deputy, roles["Deputy headteacher"])
        senco = builder._person(school, "SENCo", domain=domain)
        builder._role(senco, roles["SENCo"], specs["SEND"])
        sbm = builder._person(school, "School business manager", domain=domain)
        builder._role(
            sbm, roles["School Business Manager"], specs["School business and procurement"]
        )
        staff = [head, deputy, senco, sbm]
        if phase in (Phase.PRIMARY, Phase.NURSERY, Phase.ALL_THROUGH):
            eyfs = builder._person(school, "Head of early years", domain=domain)
            builder._role(eyfs, roles["Head of early years"], specs["Early years"])
            staff.append(eyfs)
        for _ in range(6 if phase != Phase.SECONDARY else 9):
            staff.append(
                builder._person(school, builder.random.choice(TEACHER_TITLES), domain=domain)
            )
        if school.headteacher_id is None:
            school.headteacher = head
            school.save(update_fields=["headteacher"])
        heads[school.pk] = head
        staff_by_school[school.pk] = staff
        if index == 1 and not school.editors.exists():
            # The head has appointed the business manager to keep the profile up to date.
            school.editors.add(sbm)
        if index == 1:
            # The head has asked for a correction of the register's pupil count; an admin
            # finds it waiting in Django admin (School corrections).
            builder._get_or_create(
                SchoolCorrection,
                school=school,
                field="pupils_on_roll",
                defaults={
                    "proposed_value": str((school.pupils_on_roll or 0) + 12),
                    "register_value": str(school.pupils_on_roll or ""),
                    "reason": "Twelve pupils joined in September; the register shows last "
                    "January's census.",
                    "requested_by": head.user,
                },
            )

        # System leaders and mentors among the teachers, chosen by the seeded dice.
        teachers = staff[4:]
        if index % 2 == 1:
            sle = teachers[0]
            specialism = specs[
                builder.random.choice(
                    [
                        "Maths",
                        "English",
                        "Reading and phonics",
                        "SEND",
                        "Early years",
                        "Science",
                        "Writing",
                        "Assessment",
                    ]
                )
            ]
            builder._role(sle, roles["Specialist Leader of Education"], specialism, town)
        if index % 3 == 0:
            builder._role(
                teachers[1], roles["ITT/SCITT mentor"], specs["Initial teacher training"], itt
            )
        if index % 4 == 0:
            builder._role(teachers[2], roles["Maths mastery specialist"], specs["Maths"])
        if index in (1, 11):
            builder._role(
                head,
                roles["National/Local Leader of Education"],
                specs["Leadership of curriculum"],
                town,
            )
        if index == 3:
            # A past role, so profiles show current and past roles apart.
            builder._get_or_create(
                RoleAssignment,
                person=deputy,
                role_type=roles["ITT/SCITT mentor"],
                defaults={
                    "starts_on": datetime.date(2018, 9, 1),
                    "ends_on": datetime.date(2022, 7, 20),
                },
            )
    return schools, heads, staff_by_school
