"""A person's history: who changed their profile and roles, field by field, for those who may
edit the profile; a save that changes nothing records nothing."""

import datetime

import pytest

from people.careers import post_end, post_record
from people.models import ContactVisibility
from tests.factories import PersonFactory, RoleAssignmentFactory, RoleTypeFactory, SchoolFactory
from tests.people.test_views_edit import form_data


@pytest.fixture
def colleague(school):
    return PersonFactory(
        school=school,
        first_name="Colin",
        last_name="Colleague",
        job_title="Class teacher",
        email="colin.colleague@example.org",
        contact_visibility=ContactVisibility.ADMINS,
    )


def url(person) -> str:
    return f"/people/{person.pk}/history/"


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_who_may_edit_sees_the_history(request, persona, colleague):
    response = request.getfixturevalue(persona).get(url(colleague))
    assert response.status_code == 200
    assert "<h1>History of Colin Colleague</h1>" in response.content.decode()


def test_the_person_sees_their_own_history(staff):
    assert staff.get(url(staff.person)).status_code == 200


@pytest.mark.parametrize("persona", ["staff", "outsider", "coordinator"])
def test_others_are_refused(request, persona, colleague):
    assert request.getfixturevalue(persona).get(url(colleague)).status_code == 403


def test_anonymous_is_sent_to_sign_in(anonymous, colleague):
    response = anonymous.get(url(colleague))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_history_refuses_post(head, colleague):
    assert head.post(url(colleague)).status_code == 405


def test_each_field_change_is_shown_with_who_made_it(head, colleague):
    head.post(f"/people/{colleague.pk}/edit/", form_data(colleague, job_title="SENCo"))
    page = head.get(url(colleague)).content.decode()
    assert "Profile changed by " + head.person.display_name in page
    assert '<td data-label="Before">Class teacher</td>' in page
    assert '<td data-label="After">SENCo</td>' in page


def test_a_save_without_changes_records_no_version(head, colleague):
    before = colleague.history.count()
    head.post(f"/people/{colleague.pk}/edit/", form_data(colleague))
    assert colleague.history.count() == before


def test_contacts_are_hidden_from_editors_the_person_hides_them_from(head, admin, colleague):
    head.post(
        f"/people/{colleague.pk}/edit/",
        form_data(colleague, email="colin.new@example.org"),
    )
    assert "colin.new@example.org" not in head.get(url(colleague)).content.decode()
    assert "(not shown to you)" in head.get(url(colleague)).content.decode()
    assert "colin.new@example.org" in admin.get(url(colleague)).content.decode()


def test_role_changes_are_in_the_history(head, colleague):
    role_type = RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    head.post(f"/people/{colleague.pk}/roles/add/", {"role_type": role_type.pk})
    page = head.get(url(colleague)).content.decode()
    assert "Role: SLE created by" in page


def test_history_queries_do_not_grow_with_versions(admin, colleague, django_assert_num_queries):
    """One query each for the profile's, the roles' and the posts' versions (with who made
    each, joined), however many there are: no query per version's author."""
    with django_assert_num_queries(6):
        admin.get(url(colleague))
    for title in ("One", "Two", "Three", "Four"):
        colleague.job_title = title
        colleague.save()
        RoleAssignmentFactory(person=colleague)
        post_record(person=colleague, school=SchoolFactory(), job_title=f"Teacher {title}")
    with django_assert_num_queries(6):
        assert "Four" in admin.get(url(colleague)).content.decode()


def test_a_post_ended_shows_in_the_history_with_its_school(admin, colleague):
    school = SchoolFactory(name="Harbourside Academy")
    post = post_record(person=colleague, school=school, job_title="Head of science")
    post_end(post=post, ends_on=datetime.date.today())

    page = admin.get(url(colleague)).content.decode()

    assert "Post at Harbourside Academy" in page
    assert "Head of science" in page
