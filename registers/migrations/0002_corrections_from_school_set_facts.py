"""Register facts a school changed on its edit page, before they became read-only, turn into
approved corrections (schools.SchoolCorrection): the school's value stays, the register's value
is kept beside it, and a later import that brings another value flags it for review."""

import datetime

from django.db import migrations

REASON = "Written by the school on its edit page before register facts became read-only."
# schools.models.CORRECTABLE_FIELDS when this was written.
CORRECTABLE = (
    "name", "urn", "laestab", "phase", "establishment_type", "status", "address_line1",
    "address_line2", "address_line3", "town", "local_authority", "postcode", "head_name",
    "closed_on", "statutory_low_age", "statutory_high_age", "pupils_on_roll", "capacity",
    "fsm_percent", "ofsted_grade", "ofsted_outcome", "ofsted_inspection_date",
    "ofsted_report_url",
)  # fmt: skip


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def corrections_from_school_set_facts(apps, schema_editor):
    School = apps.get_model("schools", "School")
    SchoolCorrection = apps.get_model("schools", "SchoolCorrection")
    RegisterRecord = apps.get_model("registers", "RegisterRecord")
    records = dict(RegisterRecord.objects.values_list("school_id", "values"))
    today = datetime.date.today().isoformat()
    for school in School.objects.exclude(school_set_fields=[]).iterator():
        facts = [name for name in school.school_set_fields if name in CORRECTABLE]
        if not facts:
            continue
        register = records.get(school.pk)
        corrected = dict(school.corrected_fields)
        for name in facts:
            current = _text(getattr(school, name))
            if register is not None and name in register and register[name] != current:
                SchoolCorrection.objects.create(
                    school=school,
                    field=name,
                    proposed_value=current,
                    register_value=register[name],
                    reason=REASON,
                    status="approved",
                    requested_by_id=school.updated_by_id,
                )
                corrected[name] = {"register": register[name], "on": today}
        kept = [name for name in school.school_set_fields if name not in facts]
        School.objects.filter(pk=school.pk).update(
            school_set_fields=kept, corrected_fields=corrected
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0001_initial"),
        ("schools", "0009_school_corrections"),
    ]

    operations = [
        migrations.RunPython(corrections_from_school_set_facts, migrations.RunPython.noop),
    ]
