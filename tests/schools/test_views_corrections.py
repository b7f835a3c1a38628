"""Asking for a correction of a register fact, and what follows an admin's decision."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schools.choices import CorrectionStatus
from schools.corrections import CorrectionRefused, correction_approve, correction_request
from schools.models import School, SchoolCorrection
from tests.factories import SchoolFactory


def new_url(school: School, field: str = "") -> str:
    return f"/schools/{school.slug}/corrections/new/" + (f"?field={field}" if field else "")


def ask(client, school, field, value, reason="The register has the old value."):
    return client.post(new_url(school), {"field": field, "value": value, "reason": reason})


# Who may ask ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_people_who_edit_the_school_may_ask(request, persona, school):
    client = request.getfixturevalue(persona)
    response = client.get(new_url(school, "phase"))
    assert response.status_code == 200
    assert 'name="value"' in response.content.decode()


@pytest.mark.parametrize("persona", ["staff", "outsider", "coordinator"])
def test_other_members_are_refused_and_nothing_is_recorded(request, persona, school):
    client = request.getfixturevalue(persona)
    assert client.get(new_url(school, "phase")).status_code == 403
    assert ask(client, school, "phase", "secondary").status_code == 403
    assert not SchoolCorrection.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(anonymous, school):
    response = ask(anonymous, school, "phase", "secondary")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SchoolCorrection.objects.exists()


def test_a_missing_school_is_not_found(head, db):
    assert head.get("/schools/no-such-school/corrections/new/").status_code == 404


# The request -------------------------------------------------------------------------------


def test_head_asks_and_sees_the_request_waiting(head, school):
    response = ask(head, school, "phase", "secondary", "We became an 11-16 school in 2025.")
    assert response.status_code == 302
    assert response["Location"] == f"/schools/{school.slug}/edit/#corrections"
    correction = SchoolCorrection.objects.get()
    assert (correction.field, correction.proposed_value) == ("phase", "secondary")
    assert (correction.register_value, correction.status) == ("primary", "pending")
    assert correction.requested_by == head.user
    school.refresh_from_db()
    assert school.phase == "primary"  # nothing changes until an admin approves
    page = head.get(f"/schools/{school.slug}/edit/").content.decode()
    assert "Waiting for an admin" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("urn", "12345", "6-digit"),
        ("phase", "nonsense", "Choose one of the options"),
        ("postcode", "NOT A POSTCODE", "Enter a UK postcode"),
        ("phase", "primary", "the value the portal shows now"),
        ("fsm_percent", "101", "less than or equal to 100"),
        ("ofsted_grade", "good", "single-word grades only for inspections before"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_recorded(head, school, field, value, message):
    response = ask(head, school, field, value)
    assert response.status_code == 200
    errors = response.context["form"].errors["value"]
    assert any(message in error for error in errors), errors
    assert "nothing was sent" in response.content.decode()
    assert not SchoolCorrection.objects.exists()


def test_urn_of_another_school_is_refused(head, school):
    SchoolFactory(urn="123456")
    response = ask(head, school, "urn", "123 456")
    assert response.context["form"].errors["value"] == ["Another school already has URN 123456."]
    assert not SchoolCorrection.objects.exists()


def test_a_reversed_age_range_is_refused(head, school):
    school.statutory_low_age, school.statutory_high_age = 4, 11
    school.save()
    response = ask(head, school, "statutory_low_age", "12")
    assert "would be above the oldest" in response.context["form"].errors["value"][0]


def test_a_reason_is_required_and_a_field_must_be_a_register_fact(head, school):
    response = ask(head, school, "phase", "secondary", reason="")
    assert "Say why the register is wrong" in response.context["form"].errors["reason"][0]
    response = ask(head, school, "ethos", "Kind.")
    assert "field" in response.context["form"].errors
    assert not SchoolCorrection.objects.exists()


def test_a_second_request_for_the_same_fact_waits_for_the_first(head, school):
    ask(head, school, "phase", "secondary")
    response = ask(head, school, "phase", "all_through")
    assert "already waiting for an admin" in response.context["form"].errors["field"][0]
    assert SchoolCorrection.objects.count() == 1


# The admin's decision ------------------------------------------------------------------------


def _approve_in_admin(admin, correction, action="approve"):
    return admin.post(
        "/admin/schools/schoolcorrection/",
        {"action": action, "_selected_action": [str(correction.pk)]},
    )


def test_approved_correction_shows_on_the_school_page_with_a_note(head, admin, school):
    ask(head, school, "phase", "secondary")
    correction = SchoolCorrection.objects.get()
    assert "Waiting for an admin" in admin.get("/admin/schools/schoolcorrection/").content.decode()
    assert _approve_in_admin(admin, correction).status_code == 302

    school.refresh_from_db()
    assert school.phase == "secondary"
    correction.refresh_from_db()
    assert (correction.status, correction.decided_by) == ("approved", admin.user)
    page = head.get(school.get_absolute_url()).content.decode()
    today = timezone.localdate().strftime("%-d %B %Y")
    assert (
        f'<dt>Phase</dt><dd>Secondary <span class="fact-source">corrected by the alliance on '
        f"{today}; the DfE register says Primary</span>" in page
    )
    assert "Approved" in head.get(f"/schools/{school.slug}/edit/").content.decode()
    history = head.get(f"/schools/{school.slug}/history/").context["entries"][0]
    assert history.reason == "Correction approved: Phase"
    assert [(c.label, c.old, c.new) for c in history.changes] == [("Phase", "Primary", "Secondary")]


def test_rejected_correction_changes_nothing_and_says_so(head, admin, school):
    ask(head, school, "phase", "secondary")
    correction = SchoolCorrection.objects.get()
    _approve_in_admin(admin, correction, action="reject")
    school.refresh_from_db()
    assert school.phase == "primary"
    assert school.corrected_fields == {}
    assert "Not approved" in head.get(f"/schools/{school.slug}/edit/").content.decode()


@pytest.mark.parametrize("persona", ["head", "editor", "staff"])
def test_only_admins_decide(request, persona, school):
    client = request.getfixturevalue(persona)
    ask(request.getfixturevalue("head"), school, "phase", "secondary")
    correction = SchoolCorrection.objects.get()
    response = _approve_in_admin(client, correction)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING
    school.refresh_from_db()
    assert school.phase == "primary"


def test_a_decided_request_cannot_be_approved_again(admin, school):
    correction = correction_request(
        school=school, field="phase", proposed_value="secondary", reason="r", by=admin.user
    )
    correction_approve(correction=correction, by=admin.user)
    with pytest.raises(CorrectionRefused):
        correction_approve(correction=correction, by=admin.user)


def test_an_approval_that_is_no_longer_valid_changes_nothing(admin, school):
    correction = correction_request(
        school=school, field="urn", proposed_value="123456", reason="r", by=admin.user
    )
    SchoolFactory(urn="123456")  # taken meanwhile
    response = _approve_in_admin(admin, correction)
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING
    school.refresh_from_db()
    assert school.urn != "123456"
    assert school.corrected_fields == {}


def test_correction_page_queries_do_not_grow(head, school, django_assert_num_queries):
    """Session, user with their profile, school, and whether a request is pending (on POST)."""
    with django_assert_num_queries(3):
        head.get(new_url(school, "phase"))


def test_school_page_with_corrections_keeps_its_query_count(staff, admin, school):
    """The note comes with the school's row (School.corrected_fields): not one query more."""
    with CaptureQueriesContext(connection) as before:
        staff.get(school.get_absolute_url())
    for field, value in (("phase", "secondary"), ("local_authority", "Eastshire")):
        correction = correction_request(
            school=school, field=field, proposed_value=value, reason="r", by=admin.user
        )
        correction_approve(correction=correction, by=admin.user)
    with CaptureQueriesContext(connection) as after:
        page = staff.get(school.get_absolute_url()).content.decode()
    assert len(after) == len(before) <= 6
    assert page.count("corrected by the alliance on") == 2


def test_without_a_fact_the_page_asks_which_one_first(head, school):
    html = head.get(new_url(school)).content.decode()
    assert 'method="get"' in html and 'name="field"' in html
    assert 'name="value"' not in html
    html = head.get(new_url(school, "ofsted_inspection_date")).content.decode()
    assert 'type="date" name="value"' in html


def test_edit_page_queries_do_not_grow_with_requests(head, school, django_assert_num_queries):
    """Session, user with their profile, school, its correction requests with who asked and
    who decided, the form's people (headteacher choices, editor choices, current editors).
    Sessions are read from the database here and from Redis in production: 6 queries there."""
    correction_request(school=school, field="phase", proposed_value="secondary", reason="r",
                       by=head.user)  # fmt: skip
    with django_assert_num_queries(7) as first:
        head.get(f"/schools/{school.slug}/edit/")
    for field, value in (("town", "Eastbridge"), ("capacity", 300), ("urn", "654321")):
        correction_request(school=school, field=field, proposed_value=value, reason="r",
                           by=head.user)  # fmt: skip
    with django_assert_num_queries(len(first.captured_queries)):
        response = head.get(f"/schools/{school.slug}/edit/")
    assert len(response.context["corrections"]) == 4
