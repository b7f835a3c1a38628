"""import_gias: create or update schools by URN without overwriting what schools wrote."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from registers.files import CsvFileError
from registers.importer import import_register, school_wrote_it
from registers.models import RegisterRecord
from registers.structure import FileRefused
from schools.models import School, Status
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_first_import_creates_schools_with_the_registers_facts(sample_text):
    report = import_register(text=sample_text(), dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (9, 0, 0)
    school = School.objects.get(urn="990105")
    assert school.name == "Sainte-Thérèse Catholic Primary School"
    assert school.laestab == "9993500"
    assert school.address_line1 == "Rue de la Forêt"
    assert school.fsm_percent == Decimal("9.8")
    assert str(school.telephone.as_e164) == "+442079460106"
    # Easting 450800 / Northing 302900 is in the East Midlands.
    assert Decimal("52.6") < school.latitude < Decimal("52.7")
    assert Decimal("-1.3") < school.longitude < Decimal("-1.2")
    assert School.objects.get(urn="990106").name == "St Anne’s CE Junior School"
    record = school.register_record
    assert record.easting == 450800 and record.raw["HeadFirstName"] == "Zoë"
    assert school.history.first().history_change_reason.startswith("Imported from")


def test_importing_the_same_file_again_changes_nothing(sample_text):
    import_register(text=sample_text(), dry_run=False)
    stamps = list(RegisterRecord.objects.values_list("imported_at", flat=True))
    report = import_register(text=sample_text(), dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 9)
    assert list(RegisterRecord.objects.values_list("imported_at", flat=True)) == stamps


def test_dry_run_writes_nothing_and_reports_what_would_change(sample_text):
    report = import_register(text=sample_text(), dry_run=True)
    assert report.created == 9
    assert "Would have created 9" in report.summary()
    assert not School.objects.exists()


def test_a_value_the_school_wrote_itself_is_never_overwritten(sample_text):
    import_register(text=sample_text(), dry_run=False)
    school = School.objects.get(urn="990001")
    school.website = "https://abbey-fields.example.org/welcome"
    school.save()
    changed = sample_text().getvalue().replace("Abbey Fields Road", "Abbey Fields Lane")
    changed = changed.replace("www.abbey-fields-primary-school", "www.abbeyfields-new")
    report = import_register(text=io.StringIO(changed, newline=""), dry_run=False)
    school.refresh_from_db()
    assert school.website == "https://abbey-fields.example.org/welcome"  # the school's own
    assert school.address_line1 == "Abbey Fields Lane"  # the register's, updated
    assert report.updated == 1 and report.kept_school_values == 1
    assert [row.kept for row in report.rows if row.urn == "990001"] == [["website"]]


def test_a_school_already_in_the_portal_keeps_its_own_words_and_gains_register_facts(
    sample_text,
):
    school = SchoolFactory(urn="990001", name="Abbey Fields", postcode="", town="Testbridge")
    report = import_register(text=sample_text(), dry_run=False)
    school.refresh_from_db()
    assert school.name == "Abbey Fields" and school.town == "Testbridge"
    assert school.postcode == "EB1 2AB"  # empty before: the register fills it
    assert school.latitude is not None
    assert report.created == 8 and report.updated == 1
    assert School.objects.filter(urn="990001").count() == 1


def test_urn_and_la_select_rows(sample_text):
    report = import_register(text=sample_text(), dry_run=False, urns=["990001", "990002"])
    assert report.created == 2 and report.skipped == 7
    report = import_register(text=sample_text(), dry_run=False, las=["998"])
    assert report.created == 1
    assert School.objects.get(urn="990200").local_authority == "Westmere"


def test_bad_rows_refuse_the_whole_file_with_every_reason(sample_text):
    lines = sample_text().getvalue().splitlines(keepends=True)
    lines[2] = lines[2].replace("990002", "99000X", 1)
    lines.append(lines[1])  # duplicate URN 990001
    with pytest.raises(FileRefused) as refused:
        import_register(text=io.StringIO("".join(lines), newline=""), dry_run=False)
    reasons = {problem.line: problem.reason for problem in refused.value.problems}
    assert "not a 6-digit number" in reasons[3]
    assert "also on line 2" in reasons[11]
    assert not School.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("URN,Town\n990001,Testbridge\n", "EstablishmentName are missing"),
        ("URN,EstablishmentName\n", "header but no rows"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(content, message):
    with pytest.raises(CsvFileError, match=message):
        import_register(text=io.StringIO(content), dry_run=False)
    assert not School.objects.exists()


def test_command_imports_reports_and_refuses_a_pdf(tmp_path, sample_bytes):
    extract = tmp_path / "edubasealldata20251001.csv"
    extract.write_bytes(sample_bytes)
    out = io.StringIO()
    call_command("import_gias", str(extract), "--no-progress", stdout=out)
    assert "created 9, updated 0, unchanged 0;" in out.getvalue()
    assert "as cp1252" in out.getvalue()
    closed = School.objects.get(urn="990104")
    assert closed.status == Status.CLOSED

    pdf = tmp_path / "renamed.csv"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(CommandError, match="PDF document.*Nothing was imported"):
        call_command("import_gias", str(pdf), stdout=io.StringIO())


def test_fields_the_schools_app_records_as_the_schools_own_are_kept():
    """School.school_set_fields (kept by the schools app's edit page) wins over the register,
    even where the value still equals what the register said last time."""
    school = School(name="Abbey Fields Primary School", telephone="+442079460001")
    school.school_set_fields = ["telephone"]
    last = {"telephone": "+442079460001", "name": "Abbey Fields Primary School"}
    assert school_wrote_it(school, "telephone", "+442079460001", last)
    assert not school_wrote_it(school, "name", "Abbey Fields Primary School", last)
