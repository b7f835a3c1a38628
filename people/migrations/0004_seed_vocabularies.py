"""Seed the role and specialism vocabularies with the roles the alliances' own pages name.

Admins extend both lists in Django admin. Rows are found by slug (or by name, in case an admin
created one by hand first) so running this on a database that already has them changes nothing.
The data is written out here rather than imported, so later edits to the code cannot change
what this migration did.
"""

from django.db import migrations

# slug, name, abbreviation, is a system leader, description. Each slug is Django's slugify(name),
# so code that looks a role up by its slugified name (the demo, test factories) finds these rows.
ROLE_TYPES = [
    ("headteacher", "Headteacher", "Head", False, "Leads a school."),
    ("deputy-headteacher", "Deputy headteacher", "Deputy head", False, "Deputises for the head."),
    (
        "specialist-leader-of-education",
        "Specialist Leader of Education",
        "SLE",
        True,
        "A middle or senior leader designated to support leaders in other schools in a specialism.",
    ),
    (
        "nationallocal-leader-of-education",
        "National/Local Leader of Education",
        "NLE/LLE",
        True,
        "A headteacher who supports other schools' leadership.",
    ),
    (
        "ittscitt-mentor",
        "ITT/SCITT mentor",
        "ITT mentor",
        False,
        "Mentors trainee teachers on placement for an ITT or SCITT partnership.",
    ),
    ("teacher-trainer", "Teacher trainer", "", False, "Trains teachers, e.g. for a university."),
    (
        "school-business-manager",
        "School Business Manager",
        "SBM",
        False,
        "Runs a school's finance, premises, HR and procurement.",
    ),
    (
        "maths-mastery-specialist",
        "Maths mastery specialist",
        "",
        True,
        "A teacher trained by a maths hub to support teaching for mastery in other schools.",
    ),
    ("senco", "SENCo", "SENCo", False, "Co-ordinates special educational needs provision."),
    ("designated-safeguarding-lead", "Designated safeguarding lead", "DSL", False, "Leads a school's safeguarding."),
    ("head-of-early-years", "Head of early years", "", False, "Leads the early years foundation stage."),
    ("network-chair", "Network chair", "", False, "Chairs a network group of the partnership."),
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
    "History",
    "Geography",
    "Modern foreign languages",
    "Music",
    "Art and design",
    "PE and sport",
    "Religious education",
    "PSHE and RSHE",
    "Assessment",
    "Behaviour and attendance",
    "Mental health and wellbeing",
    "English as an additional language",
    "Disadvantaged pupils and pupil premium",
    "Leadership of curriculum",
    "School business and procurement",
    "Initial teacher training",
    "Safeguarding",
]


def slugify_simple(name: str) -> str:
    keep = "".join(c.lower() if c.isalnum() else " " for c in name)
    return "-".join(keep.split())


def seed(apps, schema_editor):
    RoleType = apps.get_model("people", "RoleType")
    Specialism = apps.get_model("people", "Specialism")
    for position, (slug, name, abbreviation, leader, description) in enumerate(ROLE_TYPES):
        exists = RoleType.objects.filter(slug=slug).exists() or RoleType.objects.filter(
            name=name
        ).exists()
        if not exists:
            RoleType.objects.create(
                slug=slug,
                name=name,
                abbreviation=abbreviation,
                is_system_leader=leader,
                description=description,
                ordering=position * 10,
            )
    for name in SPECIALISMS:
        slug = slugify_simple(name)
        exists = Specialism.objects.filter(slug=slug).exists() or Specialism.objects.filter(
            name=name
        ).exists()
        if not exists:
            Specialism.objects.create(slug=slug, name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_profile_photo_and_updated_by"),
    ]

    # Reversing keeps the rows: people may hold these roles by then.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
