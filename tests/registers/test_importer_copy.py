"""The register import's bulk writes (COPY on PostgreSQL, bulk_create/bulk_update on SQLite)
store exactly what the rows hold: the schools, their history and their register records."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from alliance.lib.copying import copy_create, copy_update
from registers.models import RegisterRecord
from schools.models import School
from tests.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _new_school(**values) -> School:
    defaults = {
        "name": "Copperfield Primary School",
        "slug": "copperfield-primary-school",
        "urn": "990001",
    }
    return School(
        **(defaults | values),
        telephone="+441632960001",
        latitude=Decimal("53.465011"),
        longitude=Decimal("-1.825843"),
        closed_on=datetime.date(2026, 8, 31),
        school_set_fields=["website"],
    )


def test_copy_create_saves_every_value_and_gives_each_object_its_key():
    schools = [_new_school(), _new_school(name="Dell Road Academy", slug="dell", urn="990002")]
    copy_create(schools)
    assert all(school.pk for school in schools)
    stored = School.objects.get(pk=schools[0].pk)
    assert stored.name == "Copperfield Primary School"
    assert stored.telephone.as_e164 == "+441632960001"
    assert (stored.latitude, stored.longitude) == (Decimal("53.465011"), Decimal("-1.825843"))
    assert stored.closed_on == datetime.date(2026, 8, 31)
    assert stored.school_set_fields == ["website"]
    assert stored.created_at is not None and stored.updated_at is not None
    assert School.objects.get(pk=schools[1].pk).urn == "990002"
    # The keys come from the table's own sequence: the next school saved does not clash.
    assert SchoolFactory().pk not in {school.pk for school in schools}


def test_copy_update_writes_only_the_fields_named():
    school = SchoolFactory(town="Testbridge", postcode="EB1 1AA")
    school.town = "Newtown"
    school.postcode = "ZZ9 9ZZ"
    assert copy_update([school], ["town"]) == 1
    school.refresh_from_db()
    assert (school.town, school.postcode) == ("Newtown", "EB1 1AA")


def test_history_written_in_bulk_keeps_the_values_and_the_editors():
    school = SchoolFactory(telephone="+441632960001")
    editor = PersonFactory()
    school.editors.add(editor)
    school = School.objects.get(pk=school.pk)  # the telephone as stored, not yet parsed
    School.history.bulk_history_create([school], update=True, default_change_reason="Imported")
    version = school.history.first()
    assert version.history_type == "~"
    assert version.history_change_reason == "Imported"
    assert version.telephone.as_e164 == "+441632960001"
    assert [row.person_id for row in version.editors.all()] == [editor.pk]


def test_an_imported_school_its_history_and_record_hold_the_registers_values(tmp_path):
    path = tmp_path / "gias.csv"
    header = "URN,EstablishmentName,TelephoneNum,Easting,Northing,OfstedLastInsp,LA (name)\n"
    path.write_text(header + "990010,Copperfield School,0161 496 0000,384000,397000,"
                    "14-03-2024,Manchester\n")  # fmt: skip
    call_command("import_gias", str(path), "--no-progress", stdout=io.StringIO())
    school = School.objects.get(urn="990010")
    assert school.telephone.as_e164 == "+441614960000"
    assert school.ofsted_inspection_date == datetime.date(2024, 3, 14)
    assert school.latitude is not None
    version = school.history.get()
    assert version.history_change_reason == "Imported from the public register (GIAS)"
    assert (version.telephone.as_e164, version.latitude) == ("+441614960000", school.latitude)
    record = RegisterRecord.objects.get(urn="990010")
    assert record.school_id == school.pk
    assert record.raw["TelephoneNum"] == "0161 496 0000"
    assert record.values["telephone"] == "+441614960000"
