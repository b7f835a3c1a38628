"""The correction services: one correction in force per fact, the register's value kept."""

import pytest

from schools.corrections import (
    CorrectionRefused,
    correction_approve,
    correction_keep,
    correction_request,
    correction_withdraw,
)
from schools.models import SchoolCorrection


def _approved(school, by, field, value):
    correction = correction_request(
        school=school, field=field, proposed_value=value, reason="r", by=by
    )
    correction_approve(correction=correction, by=by)
    return correction


def test_a_second_correction_replaces_the_first_and_keeps_the_registers_value(admin, school):
    first = _approved(school, admin.user, "phase", "secondary")
    second = _approved(school, admin.user, "phase", "all_through")
    school.refresh_from_db()
    assert school.phase == "all_through"
    assert school.corrected_fields["phase"]["register"] == "primary"
    assert SchoolCorrection.objects.get(pk=first.pk).status == "superseded"
    assert SchoolCorrection.objects.get(pk=second.pk).register_value == "primary"


def test_approval_bumps_the_version_so_an_open_edit_form_is_refused(admin, school):
    _approved(school, admin.user, "phase", "secondary")
    school.refresh_from_db()
    assert school.version == 2
    assert school.history.latest().history_change_reason == "Correction approved: Phase"


def test_withdrawing_shows_the_registers_value_again(admin, school):
    correction = _approved(school, admin.user, "phase", "secondary")
    correction_withdraw(correction=correction, by=admin.user)
    school.refresh_from_db()
    assert school.phase == "primary"
    assert school.corrected_fields == {}
    assert SchoolCorrection.objects.get(pk=correction.pk).status == "withdrawn"


def test_keeping_needs_a_changed_register(admin, school):
    correction = _approved(school, admin.user, "phase", "secondary")
    with pytest.raises(CorrectionRefused):
        correction_keep(correction=correction, by=admin.user)
