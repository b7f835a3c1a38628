"""The edit page: who may open and save it, what it validates, and what it ignores."""

import pytest
from django.contrib.messages import get_messages

from schools.models import School, Status, UpdatedByRole
from tests.factories import PersonFactory, SchoolFactory
from tests.schools.helpers import edit_data


def edit_url(school: School) -> str:
    return f"/schools/{school.slug}/edit/"


# Who may open the page ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_head_editor_and_admin_may_open_the_edit_page(request, persona, school):
    client = request.getfixturevalue(persona)
    response = client.get(edit_url(school))
    assert response.status_code == 200
    assert b'name="postcode"' in response.content


@pytest.mark.parametrize("persona", ["staff", "outsider", "coordinator"])
def test_other_signed_in_users_are_refused_the_edit_page(request, persona, school):
    client = request.getfixturevalue(persona)
    response = client.get(edit_url(school))
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(anonymous, school):
    response = anonymous.get(edit_url(school))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_edit_page_of_a_missing_school_is_not_found(admin, db):
    assert admin.get("/schools/no-such-school/edit/").status_code == 404


# Who may save --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "role"),
    [
        ("head", UpdatedByRole.HEADTEACHER),
        ("editor", UpdatedByRole.EDITOR),
        ("admin", UpdatedByRole.ADMIN),
    ],
)
def test_allowed_users_save_the_profile(request, persona, role, school):
    client = request.getfixturevalue(persona)
    response = client.post(edit_url(school), edit_data(school, town="Northbridge"))
    assert response.status_code == 302
    assert response["Location"] == school.get_absolute_url()
    school.refresh_from_db()
    assert school.town == "Northbridge"
    assert school.updated_by == client.user
    assert school.updated_by_role == role
    assert school.version == 2


@pytest.mark.parametrize("persona", ["staff", "outsider", "coordinator"])
def test_other_signed_in_users_cannot_save_and_nothing_changes(request, persona, school):
    client = request.getfixturevalue(persona)
    data = edit_data(school, town="Northbridge")
    response = client.post(edit_url(school), data)
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.town == "Testbridge"
    assert school.version == 1


def test_anonymous_post_is_sent_to_sign_in_and_changes_nothing(anonymous, school):
    response = anonymous.post(edit_url(school), edit_data(school, town="Northbridge"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    school.refresh_from_db()
    assert school.town == "Testbridge"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_page_refuses_other_methods(head, school, method):
    response = getattr(head, method)(edit_url(school))
    assert response.status_code == 405
    school.refresh_from_db()
    assert school.version == 1


def test_save_shows_a_confirmation_banner(head, school):
    response = head.post(edit_url(school), edit_data(school, town="Northbridge"), follow=True)
    assert response.status_code == 200
    assert "Saved. The profile of Abbeyfield Primary School is up to date." in (
        response.content.decode()
    )
    assert 'class="messages" role="status"' in response.content.decode()


def test_saving_without_changes_writes_nothing(head, school):
    history_before = school.history.count()
    response = head.post(edit_url(school), edit_data(school))
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Nothing to save: you made no changes."]
    school.refresh_from_db()
    assert school.version == 1
    assert school.history.count() == history_before


# Validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "NOT A POSTCODE", "Enter a UK postcode, e.g. EB1 1AA."),
        ("urn", "12345", "6-digit"),
        ("urn", "12345a", "6-digit"),
        ("email", "office-at-school", "Enter an e-mail address in the right form"),
        ("fsm_percent", "101", "Enter a percentage between 0 and 100."),
        ("eal_percent", "-1", "Enter a percentage between 0 and 100."),
        ("telephone", "12", "Enter a telephone number, e.g. 020 7946 0123"),
        ("website", "not a website", "Enter a web address, e.g. https://www.example.org."),
    ],
)
def test_invalid_input_is_shown_next_to_the_field_and_saves_nothing(
    head, school, field, value, message
):
    response = head.post(edit_url(school), edit_data(school, **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    # The message is in the field's own group and in the summary at the top, linking to it.
    assert f'<a href="#id_{field}">' in html
    assert "nothing was saved" in html
    school.refresh_from_db()
    assert school.version == 1
    assert getattr(school, field) != value


def test_reversed_age_range_is_explained_next_to_the_oldest_age(head, school):
    data = edit_data(school, statutory_low_age="11", statutory_high_age="4")
    response = head.post(edit_url(school), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["statutory_high_age"]
    assert errors == [
        "The oldest pupils' age (4) is below the youngest (11): the age range is the wrong "
        "way round."
    ]
    school.refresh_from_db()
    assert school.statutory_low_age is None


def test_urn_of_another_school_is_refused(head, school):
    SchoolFactory(urn="123456")
    response = head.post(edit_url(school), edit_data(school, urn="123456"))
    assert response.status_code == 200
    assert response.context["form"].errors["urn"] == [
        "Another school already has URN 123456. Check the number on the register."
    ]


def test_postcode_is_normalised(head, school):
    head.post(edit_url(school), edit_data(school, postcode="  eb12ab "))
    school.refresh_from_db()
    assert school.postcode == "EB1 2AB"


def test_a_grade_after_september_2024_is_refused(head, school):
    data = edit_data(school, ofsted_grade="good", ofsted_inspection_date="2025-03-04")
    response = head.post(edit_url(school), data)
    assert response.status_code == 200
    assert "since September 2024" in response.context["form"].errors["ofsted_grade"][0]


def test_an_old_grade_needs_its_date(head, school):
    response = head.post(edit_url(school), edit_data(school, ofsted_grade="good"))
    assert response.status_code == 200
    assert "only shown with its date" in response.context["form"].errors["ofsted_grade"][0]


# Fields a user may not set -------------------------------------------------------------------


def test_editor_cannot_publish_appoint_editors_or_change_the_head(editor, school):
    other = PersonFactory(school=school)
    data = edit_data(
        school,
        town="Northbridge",
        is_published="",
        editors=[str(other.pk)],
        headteacher=str(editor.person.pk),
        slug="stolen-slug",
        version="1",
    )
    response = editor.post(edit_url(school), data)
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.town == "Northbridge"
    assert school.is_published is True
    assert list(school.editors.all()) == [editor.person]
    assert school.headteacher_id is None
    assert school.slug == "abbeyfield-primary-school"


def test_editor_does_not_see_the_fields_they_may_not_set(editor, school):
    html = editor.get(edit_url(school)).content.decode()
    assert 'name="editors"' not in html
    assert 'name="is_published"' not in html
    assert 'name="headteacher"' not in html
    assert 'name="slug"' not in html


def test_head_appoints_editors_from_the_school_staff(head, school):
    teacher = PersonFactory(school=school)
    data = edit_data(school, editors=[str(teacher.pk)])
    response = head.post(edit_url(school), data)
    assert response.status_code == 302
    assert list(school.editors.all()) == [teacher]


def test_head_cannot_appoint_someone_from_another_school(head, school, other_school):
    stranger = PersonFactory(school=other_school)
    data = edit_data(school, editors=[str(stranger.pk)])
    response = head.post(edit_url(school), data)
    assert response.status_code == 200
    assert "editors" in response.context["form"].errors
    assert not school.editors.exists()


def test_head_may_unpublish_the_school(head, school):
    data = edit_data(school)
    del data["is_published"]
    head.post(edit_url(school), data)
    school.refresh_from_db()
    assert school.is_published is False


def test_admin_sets_status_and_register_facts_become_the_schools_own(admin, school):
    data = edit_data(school, status=Status.OPEN_PROPOSED_TO_CLOSE, ethos="Kind.")
    admin.post(edit_url(school), data)
    school.refresh_from_db()
    assert school.status == Status.OPEN_PROPOSED_TO_CLOSE
    # Status is a register fact; ethos is always the school's own.
    assert school.school_set_fields == ["status"]


def test_inspection_date_is_offered_in_the_form_a_date_picker_reads(head, school):
    # <input type="date"> only understands ISO dates; a British-format value would be posted
    # back empty and lose the date.
    school.ofsted_inspection_date = "2023-08-10"
    school.save()
    html = head.get(edit_url(school)).content.decode()
    assert 'type="date" name="ofsted_inspection_date" value="2023-08-10"' in html
