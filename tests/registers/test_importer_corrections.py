"""An approved correction of a register fact meets a new import of the register."""

import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from registers.importer import import_register
from schools.corrections import correction_approve, correction_request
from schools.models import School, SchoolCorrection

pytestmark = pytest.mark.django_db


def _with_fsm(sample_bytes: bytes, fsm: str) -> io.StringIO:
    """The sample extract with another free school meals share for URN 990105."""
    lines = sample_bytes.decode("cp1252").split("\r\n" if b"\r\n" in sample_bytes else "\n")
    changed = [
        line.replace(",9.8,", f",{fsm},") if line.startswith("990105,") else line for line in lines
    ]
    newline = "\r\n" if b"\r\n" in sample_bytes else "\n"
    return io.StringIO(newline.join(changed), newline="")


@pytest.fixture
def corrected(sample_text, admin):
    """School 990105 imported, then its FSM share corrected from 9.8 to 11.0."""
    import_register(text=sample_text(), dry_run=False)
    school = School.objects.get(urn="990105")
    correction = correction_request(
        school=school,
        field="fsm_percent",
        proposed_value=Decimal("11.0"),
        reason="The January census says 11%.",
        by=admin.user,
    )
    correction_approve(correction=correction, by=admin.user)
    return correction


def test_import_bringing_a_new_value_flags_the_correction_and_keeps_it(corrected, sample_bytes):
    report = import_register(text=_with_fsm(sample_bytes, "12.5"), dry_run=False)
    school = School.objects.get(urn="990105")
    assert school.fsm_percent == Decimal("11.0")  # never silently overwritten
    correction = SchoolCorrection.objects.get(pk=corrected.pk)
    assert correction.needs_review  # nor silently kept
    assert correction.register_changed_to == "12.5"
    assert correction.register_value == "9.8"
    assert report.corrections_to_review == 1
    assert "1 approved correction(s) to review" in report.summary()
    assert SchoolCorrection.objects.needing_review().get() == correction


def test_import_with_the_same_register_value_leaves_the_correction_alone(corrected, sample_text):
    report = import_register(text=sample_text(), dry_run=False)
    correction = SchoolCorrection.objects.get(pk=corrected.pk)
    assert not correction.needs_review
    assert report.corrections_to_review == 0
    assert School.objects.get(urn="990105").fsm_percent == Decimal("11.0")


def test_a_dry_run_reports_the_review_but_flags_nothing(corrected, sample_bytes):
    report = import_register(text=_with_fsm(sample_bytes, "12.5"), dry_run=True)
    assert report.corrections_to_review == 1
    assert not SchoolCorrection.objects.get(pk=corrected.pk).needs_review


def test_admin_sees_the_flagged_correction_and_keeps_it(corrected, sample_bytes, admin):
    import_register(text=_with_fsm(sample_bytes, "12.5"), dry_run=False)
    page = admin.get("/admin/schools/schoolcorrection/").content.decode()
    assert "Register changed; review" in page
    response = admin.post(
        "/admin/schools/schoolcorrection/",
        {"action": "keep_after_review", "_selected_action": [str(corrected.pk)]},
    )
    assert response.status_code == 302
    correction = SchoolCorrection.objects.get(pk=corrected.pk)
    assert not correction.needs_review
    assert correction.register_value == "12.5"
    school = School.objects.get(urn="990105")
    assert school.fsm_percent == Decimal("11.0")
    assert school.corrected_fields["fsm_percent"]["register"] == "12.5"


def test_admin_withdraws_a_flagged_correction_for_the_registers_new_value(
    corrected, sample_bytes, admin
):
    import_register(text=_with_fsm(sample_bytes, "12.5"), dry_run=False)
    admin.post(
        "/admin/schools/schoolcorrection/",
        {"action": "withdraw", "_selected_action": [str(corrected.pk)]},
    )
    school = School.objects.get(urn="990105")
    assert school.fsm_percent == Decimal("12.5")
    assert "fsm_percent" not in school.corrected_fields
    assert school.fact_source("fsm_percent") == "register"


def test_facts_a_school_wrote_before_become_approved_corrections(sample_text):
    """A phase the school changed on the old edit page stays, as a correction the next
    import can flag; a contact it keeps itself stays its own."""
    import_register(text=sample_text(), dry_run=False)
    school = School.objects.get(urn="990105")
    School.objects.filter(pk=school.pk).update(
        phase="secondary", school_set_fields=["phase", "telephone"]
    )
    migration = importlib.import_module(
        "registers.migrations.0002_corrections_from_school_set_facts"
    )
    migration.corrections_from_school_set_facts(django_apps, None)
    school.refresh_from_db()
    assert school.phase == "secondary"
    assert school.school_set_fields == ["telephone"]
    assert school.corrected_fields["phase"]["register"] == "primary"
    correction = SchoolCorrection.objects.get()
    assert (correction.field, correction.status) == ("phase", "approved")
    assert (correction.proposed_value, correction.register_value) == ("secondary", "primary")
