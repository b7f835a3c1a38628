"""The demo alliance's fixed facts: its schools, role types, specialisms and job titles.

Every name here is invented; see demo/__init__.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from people.models import RoleType, Specialism
from schools.models import EstablishmentType, Phase

LONDON = ZoneInfo("Europe/London")
DEMO_PASSWORD = "alliance-demo-2026"
# The demo's admin and headteachers sign in with two factors, as the real ones must; their
# authenticator holds this published secret, so `manage.py demo_code` (or any authenticator app
# given this secret) shows the code without a phone. A production portal refuses it
# (demo.checks: `check --deploy` fails while any authenticator holds it).
DEMO_TOTP_SECRET = "ALLIANCEDEMOCODEALLIANCEDEMOCODE"
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
    needs_code: bool = False  # Two-factor sign-in: the code from `manage.py demo_code`.


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
