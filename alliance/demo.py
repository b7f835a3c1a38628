"""The fictional demo alliance: a town partnership of 24 schools in three clusters, a trust,
a university ITT partnership, their staff, network groups and meetings.

Every name, e-mail address and telephone number here is invented: e-mails at example.org and
telephone numbers from Ofcom's drama ranges. Building twice changes nothing the second time:
every row is looked up by a stable key before it is created, and the random choices come from
a fixed seed.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from accounts.models import SchoolEmailDomain, User
from events.models import Event, EventKind, Registration
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
from people.models import ContactVisibility, Person, RoleAssignment, RoleType, Specialism
from registers.demo import import_samples
from resources.demo import build_resources_demo
from schools.models import (
    Designation,
    EstablishmentType,
    OfstedGrade,
    Phase,
    School,
    UpdatedByRole,
)
from support.demo import build_support_demo

LONDON = ZoneInfo("Europe/London")
DEMO_PASSWORD = "alliance-demo-2026"
TOWN = "Eastbridge"

# name, phase, type, cluster, in the trust
SCHOOLS = [
    ("Abbey Fields Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "North", True),
    (
        "Beacon Hill Primary School",
        Phase.PRIMARY,
        EstablishmentType.ACADEMY_CONVERTER,
        "North",
        True,
    ),
    ("Castle Mead Infant School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "North", False),
    ("Dovecote Junior School", Phase.PRIMARY, EstablishmentType.FOUNDATION, "North", False),
    ("Elmridge Academy", Phase.SECONDARY, EstablishmentType.ACADEMY_CONVERTER, "North", True),
    ("Fernlea Nursery School", Phase.NURSERY, EstablishmentType.LA_NURSERY, "North", False),
    (
        "Glebe Farm Primary School",
        Phase.PRIMARY,
        EstablishmentType.VOLUNTARY_CONTROLLED,
        "North",
        False,
    ),
    (
        "Hollins Brook CE Primary School",
        Phase.PRIMARY,
        EstablishmentType.VOLUNTARY_AIDED,
        "North",
        False,
    ),
    (
        "Ivy Lane Primary School",
        Phase.PRIMARY,
        EstablishmentType.ACADEMY_SPONSOR_LED,
        "Central",
        True,
    ),
    ("Juniper Green Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "Central", False),
    ("Kingfisher High School", Phase.SECONDARY, EstablishmentType.FOUNDATION, "Central", True),
    ("Larkspur Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "Central", False),
    (
        "Millstream Special School",
        Phase.NOT_APPLICABLE,
        EstablishmentType.COMMUNITY_SPECIAL,
        "Central",
        False,
    ),
    (
        "Northgate St Mary's RC Primary",
        Phase.PRIMARY,
        EstablishmentType.VOLUNTARY_AIDED,
        "Central",
        False,
    ),
    (
        "Orchard Vale Primary School",
        Phase.PRIMARY,
        EstablishmentType.ACADEMY_CONVERTER,
        "Central",
        True,
    ),
    (
        "Parkside All-Through School",
        Phase.ALL_THROUGH,
        EstablishmentType.FREE_SCHOOL,
        "Central",
        False,
    ),
    ("Quarry Bank Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "South", False),
    ("Rosehill Primary School", Phase.PRIMARY, EstablishmentType.ACADEMY_CONVERTER, "South", True),
    ("Saxon Way Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "South", False),
    (
        "Thornbury Secondary School",
        Phase.SECONDARY,
        EstablishmentType.ACADEMY_SPONSOR_LED,
        "South",
        False,
    ),
    ("Underwood Primary School", Phase.PRIMARY, EstablishmentType.FOUNDATION, "South", False),
    ("Valley Road Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "South", False),
    (
        "Willowbrook Primary School",
        Phase.PRIMARY,
        EstablishmentType.VOLUNTARY_CONTROLLED,
        "South",
        False,
    ),
    ("Yew Tree Primary School", Phase.PRIMARY, EstablishmentType.COMMUNITY, "South", False),
]

AGE_RANGES = {
    Phase.PRIMARY: (4, 11),
    Phase.SECONDARY: (11, 18),
    Phase.NURSERY: (2, 5),
    Phase.ALL_THROUGH: (4, 18),
    Phase.NOT_APPLICABLE: (3, 19),
}

# slug, name, abbreviation, is a system leader. The people app's data migration seeds the same
# rows; the demo finds them by slug and only creates one that an admin has since removed.
ROLE_TYPES = [
    ("headteacher", "Headteacher", "Head", False),
    ("deputy-headteacher", "Deputy headteacher", "Deputy head", False),
    ("specialist-leader-of-education", "Specialist Leader of Education", "SLE", True),
    ("nationallocal-leader-of-education", "National/Local Leader of Education", "NLE/LLE", True),
    ("ittscitt-mentor", "ITT/SCITT mentor", "ITT mentor", False),
    ("teacher-trainer", "Teacher trainer", "", False),
    ("school-business-manager", "School Business Manager", "SBM", False),
    ("maths-mastery-specialist", "Maths mastery specialist", "", True),
    ("senco", "SENCo", "SENCo", False),
    ("designated-safeguarding-lead", "Designated safeguarding lead", "DSL", False),
    ("head-of-early-years", "Head of early years", "", False),
    ("network-chair", "Network chair", "", False),
]

SPECIALISMS = [
    "Maths",
    "English",
    "Reading and phonics",
    "Writing",
    "SEND",
    "Early years",
    "Science",
    "Computing",
    "Assessment",
    "Behaviour and attendance",
    "Leadership of curriculum",
    "School business and procurement",
    "Initial teacher training",
    "Safeguarding",
]

# What colleagues can ask each kind of member of staff about (shown on their profile).
EXPERTISE_BY_TITLE = {
    "Headteacher": "School improvement, peer review, leading through change.",
    "Deputy headteacher": "Timetabling, curriculum design, staff development.",
    "SENCo": "EHCP applications, provision maps, working with families.",
    "School business manager": "Budgets, procurement, premises and HR.",
    "Head of early years": "EYFS framework, phonics in Reception, transition into Year 1.",
    "Maths lead": "Teaching for mastery, bar models, arithmetic fluency.",
    "English lead": "Reading for pleasure, phonics, writing moderation.",
    "Science lead": "Working scientifically, practical work, subject leadership.",
}

TEACHER_TITLES = [
    "Class teacher",
    "Year 6 teacher",
    "Reception teacher",
    "Year 2 teacher",
    "Maths lead",
    "English lead",
    "Science lead",
    "Assistant headteacher",
]


@dataclass
class DemoLogin:
    role: str
    email: str


def _role_types() -> dict[str, RoleType]:
    """The role types by name, found by slug (as the data migration created them)."""
    found = {}
    for position, (slug, name, abbreviation, leader) in enumerate(ROLE_TYPES):
        role, _ = RoleType.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "is_system_leader": leader,
                "ordering": position * 10,
            },
        )
        found[name] = role
    return found


def _specialisms() -> dict[str, Specialism]:
    return {
        name: Specialism.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in SPECIALISMS
    }


class DemoBuilder:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.random = random.Random(2026)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(2026)
        self.phone_counter = 0
        self.created = 0

    # Helpers -----------------------------------------------------------------------------

    def _get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.created += int(created)
        return obj

    def _phone(self, mobile: bool = False) -> str:
        self.phone_counter = (self.phone_counter + 1) % 1000
        if mobile:
            # Ofcom's drama range for Manchester: 07700 900xxx is fictional too, but the
            # phone-number library (rightly) calls it unallocated, so profiles would not save.
            return f"0161 496 0{self.phone_counter:03d}"
        return f"020 7946 0{self.phone_counter:03d}"

    def _person(self, school: School | None, job_title: str, *, domain: str, **extra) -> Person:
        first = self.fake.first_name()
        last = self.fake.last_name()
        email = f"{slugify(first)}.{slugify(last)}@{domain}"
        visibility = self.random.choices(
            [ContactVisibility.ALLIANCE, ContactVisibility.SCHOOL, ContactVisibility.ADMINS],
            weights=[7, 2, 1],
        )[0]
        return self._get_or_create(
            Person,
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "job_title": job_title,
                "school": school,
                "telephone": self._phone(mobile=self.random.random() < 0.3),
                "contact_visibility": visibility,
                "expertise": EXPERTISE_BY_TITLE.get(job_title, ""),
                **extra,
            },
        )

    def _role(self, person, role_type, specialism=None, partnership=None, years=3) -> None:
        self._get_or_create(
            RoleAssignment,
            person=person,
            role_type=role_type,
            specialism=specialism,
            partnership=partnership,
            defaults={"starts_on": datetime.date(self.today.year - years, 9, 1)},
        )

    def _user(self, email: str, person: Person | None = None, *, admin: bool = False) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
            user.is_staff = admin
            user.is_superuser = admin
            user.save()
            self.created += 1
        self._get_or_create(
            EmailAddress, user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        return user

    def _at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)

    # The alliance ------------------------------------------------------------------------

    def build(self) -> list[DemoLogin]:
        roles = _role_types()
        specs = _specialisms()

        town = self._get_or_create(
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
            self._get_or_create(
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
            self._get_or_create(
                Statement,
                partnership=town,
                kind=Statement.Kind.COMMITMENT,
                position=position,
                defaults={"text": text},
            )

        clusters = {
            name: self._get_or_create(
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
        trust = self._get_or_create(
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
        university = self._get_or_create(
            PartnerOrganisation,
            name="University of Eastbridge",
            defaults={
                "kind": PartnerOrganisation.Kind.UNIVERSITY,
                "website": "https://www.example.org/university",
            },
        )
        council = self._get_or_create(
            PartnerOrganisation,
            name="Eastbridge Borough Council",
            defaults={"kind": PartnerOrganisation.Kind.LOCAL_AUTHORITY},
        )
        itt = self._get_or_create(
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

        schools: list[School] = []
        heads: dict[int, Person] = {}
        staff_by_school: dict[int, list[Person]] = {}
        for index, (name, phase, kind, cluster_name, in_trust) in enumerate(SCHOOLS, start=1):
            slug = slugify(name)
            low, high = AGE_RANGES[phase]
            pupils = self.random.randint(180, 460) if phase != Phase.SECONDARY else 1050
            school = self._get_or_create(
                School,
                slug=slug,
                defaults={
                    "name": name,
                    "urn": f"{990000 + index}",
                    "laestab": f"999{2000 + index:04d}",
                    "phase": phase,
                    "establishment_type": kind,
                    "address_line1": f"{self.random.randint(1, 120)} {self.fake.street_name()}",
                    "town": TOWN,
                    "local_authority": "Eastbridge",
                    "postcode": f"EB{self.random.randint(1, 9)} {self.random.randint(1, 9)}"
                    f"{self.random.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                    f"{self.random.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    "telephone": self._phone(),
                    "email": f"office@{slug}.example.org",
                    "website": f"https://{slug}.example.org/",
                    "statutory_low_age": low,
                    "statutory_high_age": high,
                    "pupils_on_roll": pupils,
                    "capacity": pupils + self.random.randint(0, 60),
                    "fsm_percent": round(self.random.uniform(6, 45), 1),
                    "eal_percent": round(self.random.uniform(3, 40), 1),
                    "ofsted_grade": (
                        grade := self.random.choice(
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
                        2019 + self.random.randint(0, 4), self.random.randint(1, 12), 10
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
                    "register_imported_at": self._at(datetime.date(2026, 9, 1), 6),
                    "updated_by_role": UpdatedByRole.REGISTER,
                },
            )
            schools.append(school)
            cluster = clusters[cluster_name]
            self._get_or_create(
                Membership,
                school=school,
                partnership=town,
                defaults={"role": MembershipRole.MEMBER, "joined_on": datetime.date(2015, 9, 1)},
            )
            self._get_or_create(
                Membership,
                school=school,
                partnership=cluster,
                defaults={"role": MembershipRole.MEMBER, "joined_on": datetime.date(2016, 9, 1)},
            )
            if in_trust:
                self._get_or_create(
                    Membership,
                    school=school,
                    partnership=trust,
                    defaults={
                        "role": MembershipRole.MEMBER,
                        "joined_on": datetime.date(2018, 4, 1),
                    },
                )
            if phase in (Phase.PRIMARY, Phase.SECONDARY) and index % 2 == 0:
                self._get_or_create(
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
                self._get_or_create(
                    Membership,
                    school=school,
                    partnership=itt,
                    joined_on=datetime.date(2014, 9, 1),
                    defaults={"role": MembershipRole.MEMBER, "left_on": datetime.date(2021, 7, 31)},
                )

            # Staff: head, deputy, SENCo, SBM, early years lead, teachers.
            domain = f"{slug}.example.org"
            # Its headteacher may invite addresses at the school's own domain (accounts).
            self._get_or_create(SchoolEmailDomain, school=school, domain=domain)
            head = self._person(school, "Headteacher", domain=domain)
            self._role(head, roles["Headteacher"], years=6)
            self._role(head, roles["Designated safeguarding lead"], specs["Safeguarding"])
            deputy = self._person(school, "Deputy headteacher", domain=domain)
            self._role(deputy, roles["Deputy headteacher"])
            senco = self._person(school, "SENCo", domain=domain)
            self._role(senco, roles["SENCo"], specs["SEND"])
            sbm = self._person(school, "School business manager", domain=domain)
            self._role(
                sbm, roles["School Business Manager"], specs["School business and procurement"]
            )
            staff = [head, deputy, senco, sbm]
            if phase in (Phase.PRIMARY, Phase.NURSERY, Phase.ALL_THROUGH):
                eyfs = self._person(school, "Head of early years", domain=domain)
                self._role(eyfs, roles["Head of early years"], specs["Early years"])
                staff.append(eyfs)
            for _ in range(6 if phase != Phase.SECONDARY else 9):
                staff.append(
                    self._person(school, self.random.choice(TEACHER_TITLES), domain=domain)
                )
            if school.headteacher_id is None:
                school.headteacher = head
                school.save(update_fields=["headteacher"])
            heads[school.pk] = head
            staff_by_school[school.pk] = staff
            if index == 1 and not school.editors.exists():
                # The head has appointed the business manager to keep the profile up to date.
                school.editors.add(sbm)

            # System leaders and mentors among the teachers, chosen by the seeded dice.
            teachers = staff[4:]
            if index % 2 == 1:
                sle = teachers[0]
                specialism = specs[
                    self.random.choice(
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
                self._role(sle, roles["Specialist Leader of Education"], specialism, town)
            if index % 3 == 0:
                self._role(
                    teachers[1], roles["ITT/SCITT mentor"], specs["Initial teacher training"], itt
                )
            if index % 4 == 0:
                self._role(teachers[2], roles["Maths mastery specialist"], specs["Maths"])
            if index in (1, 11):
                self._role(
                    head,
                    roles["National/Local Leader of Education"],
                    specs["Leadership of curriculum"],
                    town,
                )
            if index == 3:
                # A past role, so profiles show current and past roles apart.
                self._get_or_create(
                    RoleAssignment,
                    person=deputy,
                    role_type=roles["ITT/SCITT mentor"],
                    defaults={
                        "starts_on": datetime.date(2018, 9, 1),
                        "ends_on": datetime.date(2022, 7, 20),
                    },
                )

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

        # University people.
        for title in (
            "Director of ITT partnerships",
            "Senior lecturer in primary education",
            "Lecturer in mathematics education",
        ):
            tutor = self._person(
                None, title, domain="university.example.org", organisation=university
            )
            self._role(tutor, roles["Teacher trainer"], specs["Initial teacher training"], itt)

        # Network groups in the town partnership, chaired by a member of staff.
        heads_group = self._group(
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
            chair = members[self.random.randrange(len(members))]
            groups.append(
                self._group(
                    town, name, focus, chair, members, Cadence.HALF_TERMLY, heads_group, roles
                )
            )

        self._events(town, trust, clusters, groups, schools, heads, staff_by_school)
        self._registrations(town, staff_by_school)
        logins = self._logins(schools, heads, staff_by_school, clusters)
        build_support_demo(self, town=town, clusters=clusters, schools=schools)
        build_resources_demo(
            self, town=town, clusters=clusters, schools=schools, staff_by_school=staff_by_school
        )
        return logins

    def _group(self, partnership, name, focus, chair, members, cadence, reports_to, roles):
        group = self._get_or_create(
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
        self._role(chair, roles["Network chair"], None, partnership, years=1)
        return group

    def _events(self, town, trust, clusters, groups, schools, heads, staff_by_school) -> None:
        # Meetings half a term apart around today: three past, three to come.
        anchor = self.today - datetime.timedelta(days=self.today.weekday())  # this Monday
        for group_index, group in enumerate(groups):
            member_schools = schools[group_index::3][:6]
            for step in range(-3, 3):
                day = anchor + datetime.timedelta(weeks=6 * step, days=1 + group_index % 4)
                host = member_schools[(step + 3) % len(member_schools)]
                host_staff = staff_by_school[host.pk]
                starts = self._at(day, 15, 45)
                self._get_or_create(
                    Event,
                    network_group=group,
                    title=f"{group.name}: meeting {step + 4} of the year",
                    defaults={
                        "kind": EventKind.NETWORK_MEETING,
                        "partnership": town,
                        "host_school": host,
                        "venue": f"{host.name}, staff room",
                        "starts_at": starts,
                        "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
                        "chair": heads[host.pk],
                        "minute_taker": host_staff[1],
                        "capacity": 30,
                        "agenda": "1. Welcome and apologies\n2. Updates from schools\n"
                        "3. Focus item\n4. Actions and date of next meeting",
                        "minutes": "Notes of the discussion and agreed actions."
                        if step < 0
                        else "",
                    },
                )
        # Four clusters meet at the same hour across the town.
        cluster_day = anchor + datetime.timedelta(weeks=2, days=3)
        for cluster in clusters.values():
            host = Membership.objects.filter(partnership=cluster).order_by("school__name")[0].school
            starts = self._at(cluster_day, 16, 0)
            self._get_or_create(
                Event,
                partnership=cluster,
                title=f"{cluster.name} heads' meeting",
                defaults={
                    "kind": EventKind.NETWORK_MEETING,
                    "host_school": host,
                    "venue": host.name,
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
                    "chair": heads[host.pk],
                },
            )
        # Review days rotate around the trust.
        trust_schools = [
            m.school
            for m in Membership.objects.filter(partnership=trust)
            .select_related("school")
            .order_by("school__name")
        ]
        for step, school in enumerate(trust_schools):
            day = anchor + datetime.timedelta(weeks=3 * step - 6, days=2)
            starts = self._at(day, 9, 0)
            self._get_or_create(
                Event,
                partnership=trust,
                title=f"Review day at {school.name}",
                defaults={
                    "kind": EventKind.REVIEW_DAY,
                    "host_school": school,
                    "venue": school.name,
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=6),
                    "chair": heads[school.pk],
                    "is_published": False,
                },
            )
        # The joint conference.
        conference_day = anchor + datetime.timedelta(weeks=10, days=4)
        starts = self._at(conference_day, 9, 0)
        self._get_or_create(
            Event,
            partnership=town,
            title="Eastbridge joint staff conference",
            defaults={
                "kind": EventKind.CONFERENCE,
                "host_school": schools[10],
                "venue": "Kingfisher High School, main hall",
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=6, minutes=30),
                "capacity": 400,
                "description": "A day of workshops led by staff from every school.",
            },
        )

    def _registrations(self, town, staff_by_school) -> None:
        # A few people from each school have signed up for the conference and the group
        # meetings to come, so registration lists, places left and "my events" show something.
        conference = Event.objects.get(partnership=town, kind=EventKind.CONFERENCE)
        for staff in staff_by_school.values():
            for person in staff[4:7]:
                self._get_or_create(
                    Registration,
                    event=conference,
                    person=person,
                    defaults={"status": Registration.Status.CONFIRMED},
                )
        for event in Event.objects.filter(
            network_group__isnull=False, starts_at__gte=self._at(self.today, 0)
        ).prefetch_related("network_group__members"):
            members = sorted(event.network_group.members.all(), key=lambda p: p.pk)
            for person in members[: (event.capacity or 30) + 2]:
                self._get_or_create(
                    Registration,
                    event=event,
                    person=person,
                    defaults={
                        "status": Registration.Status.CONFIRMED
                        if event.registrations.filter(status="confirmed").count()
                        < (event.capacity or 30)
                        else Registration.Status.WAITLISTED
                    },
                )

    def _logins(self, schools, heads, staff_by_school, clusters) -> list[DemoLogin]:
        admin = self._get_or_create(
            Person,
            email="admin@example.org",
            defaults={
                "first_name": "Alex",
                "last_name": "Admin",
                "job_title": "Alliance administrator",
                "contact_visibility": ContactVisibility.ALLIANCE,
            },
        )
        self._user("admin@example.org", admin, admin=True)
        self._user("head@example.org", heads[schools[0].pk])
        self._user("staff@example.org", staff_by_school[schools[0].pk][6])
        coordinator = Membership.objects.filter(
            partnership=clusters["Central"], coordinator__isnull=False
        ).first()
        self._user("coordinator@example.org", coordinator.coordinator)
        return [
            DemoLogin("alliance admin", "admin@example.org"),
            DemoLogin(f"headteacher of {schools[0].name}", "head@example.org"),
            DemoLogin(f"member of staff at {schools[0].name}", "staff@example.org"),
            DemoLogin("coordinator of the Central cluster", "coordinator@example.org"),
        ]


@transaction.atomic
def build_demo_alliance(*, today: datetime.date | None = None) -> tuple[list[DemoLogin], int]:
    """Build (or find) the demo alliance. Returns the demo logins and how many rows were new."""
    builder = DemoBuilder(today or timezone.localdate())
    logins = builder.build()
    # The public register's fictional sample: coordinates, "which is which", a successor school.
    builder.created += import_samples()
    return logins, builder.created
