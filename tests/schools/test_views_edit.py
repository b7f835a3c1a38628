"""The edit page: who may open and save it, what it validates, and what it ignores."""

import datetime

import pytest
from django.contrib.messages import get_messages

from schools.models import School, UpdatedByRole
from tests.factories import PersonFactory
from tests.schools.helpers import edit_data


def edit_url(school: School) -> str:
    return f"/schools/{school.slug}/edit/"


# Who may open the page ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_head_editor_and_admin_may_open_the_edit_page(request, persona, school):
    client = request.getfixturevalue(persona)
    response = client.get(edit_url(school))
    assert response.status_code == 200
    assert b'name="telephone"' in response.content


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
    response = client.post(edit_url(school), edit_data(school, ethos="Curious."))
    assert response.status_code == 302
    assert response["Location"] == school.get_absolute_url()
    school.refresh_from_db()
    assert school.ethos == "Curious."
    assert school.updated_by == client.user
    assert school.updated_by_role == role
    assert school.version == 2


@pytest.mark.parametrize("persona", ["staff", "outsider", "coordinator"])
def test_other_signed_in_users_cannot_save_and_nothing_changes(request, persona, school):
    client = request.getfixturevalue(persona)
    data = edit_data(school, ethos="Curious.")
    response = client.post(edit_url(school), data)
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.ethos == ""
    assert school.version == 1


def test_anonymous_post_is_sent_to_sign_in_and_changes_nothing(anonymous, school):
    response = anonymous.post(edit_url(school), edit_data(school, ethos="Curious."))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    school.refresh_from_db()
    assert school.ethos == ""


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_page_refuses_other_methods(head, school, method):
    response = getattr(head, method)(edit_url(school))
    assert response.status_code == 405
    school.refresh_from_db()
    assert school.version == 1


def test_save_shows_a_confirmation_banner(head, school):
    response = head.post(edit_url(school), edit_data(school, ethos="Curious."), follow=True)
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
        ("email", "office-at-school", "Enter an e-mail address in the right form"),
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


# Fields a user may not set -------------------------------------------------------------------


def test_editor_cannot_publish_appoint_editors_or_change_the_head(editor, school):
    other = PersonFactory(school=school)
    data = edit_data(
        school,
        ethos="Curious.",
        is_published="",
        editors=[str(other.pk)],
        headteacher=str(editor.person.pk),
        slug="stolen-slug",
        version="1",
    )
    response = editor.post(edit_url(school), data)
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.ethos == "Curious."
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


def test_register_facts_posted_by_a_head_change_nothing(head, school):
    """URN, phase, Ofsted grade and the rest are read-only: a crafted POST leaves them."""
    data = edit_data(
        school,
        urn="999999",
        phase="secondary",
        ofsted_grade="outstanding",
        ofsted_inspection_date="2020-01-01",
        name="Renamed",
        ethos="Kind.",
    )
    urn = school.urn
    response = head.post(edit_url(school), data)
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.urn, school.phase, school.ofsted_grade) == (urn, "primary", "")
    assert school.name == "Abbeyfield Primary School"
    assert school.ofsted_inspection_date is None
    assert school.ethos == "Kind."
    assert school.school_set_fields == []


def test_admin_sets_a_contact_and_it_becomes_the_schools_own(admin, school):
    data = edit_data(school, website="https://abbeyfield.example", ethos="Kind.")
    admin.post(edit_url(school), data)
    school.refresh_from_db()
    assert school.website == "https://abbeyfield.example"
    # The website is a register fact the school keeps itself; ethos is always the school's own.
    assert school.school_set_fields == ["website"]


def test_register_facts_are_shown_as_text_with_their_source(head, school):
    school.phase, school.register_imported_at = (
        "secondary",
        datetime.datetime(2026, 9, 1, 6, tzinfo=datetime.UTC),
    )
    school.save()
    html = head.get(edit_url(school)).content.decode()
    for name in ("urn", "laestab", "phase", "ofsted_grade", "establishment_type", "name"):
        assert f'name="{name}"' not in html
    assert "<dt>Phase</dt><dd>Secondary" in html
    assert "from the DfE register, imported on 1 September 2026" in html
    assert f"/schools/{school.slug}/corrections/new/?field=phase" in html
