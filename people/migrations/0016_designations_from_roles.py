"""Each dated SLE and NLE role becomes a designation: designated on the role's start, in its
specialism, reviewed when the role ends (or four years on), lapsed if it has ended."""

import datetime

from django.db import migrations

KINDS = {"specialist-leader-of-education": "sle", "nationallocal-leader-of-education": "nle"}


def designations_from_roles(apps, schema_editor) -> None:
    RoleAssignment = apps.get_model("people", "RoleAssignment")
    Designation = apps.get_model("people", "Designation")
    today = datetime.date.today()
    done = set(Designation.objects.values_list("person_id", "kind", "designated_on"))
    new = []
    roles = RoleAssignment.objects.filter(
        role_type__slug__in=KINDS, starts_on__isnull=False
    ).values_list("person_id", "role_type__slug", "specialism_id", "starts_on", "ends_on")
    for person_id, slug, specialism_id, starts_on, ends_on in roles.iterator():
        kind = KINDS[slug]
        if (person_id, kind, starts_on) in done:
            continue
        try:
            four_years = starts_on.replace(year=starts_on.year + 4)
        except ValueError:  # 29 February
            four_years = starts_on.replace(year=starts_on.year + 4, day=28)
        new.append(
            Designation(
                person_id=person_id,
                kind=kind,
                area_id=specialism_id,
                designated_on=starts_on,
                review_due=ends_on or four_years,
                status="lapsed" if ends_on and ends_on <= today else "designated",
            )
        )
    Designation.objects.bulk_create(new, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("people", "0015_designations")]

    operations = [migrations.RunPython(designations_from_roles, migrations.RunPython.noop)]
