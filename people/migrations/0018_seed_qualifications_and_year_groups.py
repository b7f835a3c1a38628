"""The programmes and qualifications the seed pages name, and the year groups. Admins extend
the first list in Django admin; rows are found by slug, so running this again adds nothing."""

from django.db import migrations

# slug, name, abbreviation, kind
QUALIFICATIONS = [
    ("npqh", "National Professional Qualification for Headship", "NPQH", "qualification"),
    ("npqsl", "National Professional Qualification for Senior Leadership", "NPQSL", "qualification"),
    ("npqml", "National Professional Qualification for Middle Leadership", "NPQML", "qualification"),
    ("npqel", "National Professional Qualification for Executive Leadership", "NPQEL", "qualification"),
    ("nasenco", "National Award for SEN Coordination", "NASENCO", "qualification"),
    ("sbm-diploma", "School Business Management diploma", "SBM diploma", "qualification"),
    ("otp", "Outstanding Teacher Programme", "OTP", "programme"),
    ("itp", "Improving Teacher Programme", "ITP", "programme"),
    ("maths-mastery-specialist", "Maths Mastery specialist", "", "programme"),
]

YEAR_GROUPS = [("N", "Nursery"), ("R", "Reception")] + [
    (f"Y{n}", f"Year {n}") for n in range(1, 14)
]


def seed(apps, schema_editor) -> None:
    Qualification = apps.get_model("people", "Qualification")
    YearGroup = apps.get_model("people", "YearGroup")
    for position, (slug, name, abbreviation, kind) in enumerate(QUALIFICATIONS):
        Qualification.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "kind": kind,
                "ordering": position * 10,
            },
        )
    for position, (code, name) in enumerate(YEAR_GROUPS):
        YearGroup.objects.get_or_create(code=code, defaults={"name": name, "ordering": position})


class Migration(migrations.Migration):
    dependencies = [("people", "0017_qualifications_and_year_groups")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
