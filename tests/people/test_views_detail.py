"""A person's page: profile, current and past roles apart, actions for those allowed."""

import datetime

import pytest

from people.models import RoleType, Specialism
from people.posts import Post
from tests.factories import PersonFactory, RoleAssignmentFactory, SchoolFactory


@pytest.fixture
def person(school):
    return PersonFactory(
        school=school,
        first_name="Ada",
        last_name="Lovelace",
        pronouns="she/her",
        job_title="Maths lead",
        bio="Twenty years in primary.",
        expertise="Mastery, bar models",
    )


def test_person_page_shows_the_profile(staff, person, school):
    html = staff.get(person.get_absolute_url()).content.decode()
    assert "<h1>Ada Lovelace" in html
    assert "(she/her)" in html
    assert "Maths lead" in html
    assert f'href="{school.get_absolute_url()}"' in html
    assert "Twenty years in primary." in html
    assert "Mastery, bar models" in html
    assert f'href="/people/{person.pk}/vcard.vcf"' in html


def test_current_and_past_roles_show_apart(staff, person):
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    RoleAssignmentFactory(
        person=person, role_type=sle, specialism=Specialism.objects.get(slug="maths")
    )
    RoleAssignmentFactory(
        person=person,
        role_type=RoleType.objects.get(slug="ittscitt-mentor"),
        starts_on=datetime.date(2017, 9, 1),
        ends_on=datetime.date(2021, 7, 21),
    )
    response = staff.get(person.get_absolute_url())
    assert [str(r) for r in response.context["current_roles"]] == ["SLE (Maths)"]
    assert [str(r) for r in response.context["past_roles"]] == ["ITT mentor"]
    html = response.content.decode()
    current, past = html.split("<h2>Past roles</h2>")
    assert "Specialist Leader of Education: Maths" in current.split("<h2>Current roles</h2>")[1]
    assert "ITT/SCITT mentor" in past
    assert "September 2017 to July 2021" in past


def test_person_without_roles_says_so(staff, person):
    html = staff.get(person.get_absolute_url()).content.decode()
    assert "No current alliance roles." in html
    assert "Past roles" not in html


def test_edit_and_role_buttons_show_only_for_those_allowed(staff, head, outsider, admin, person):
    def actions(client):
        html = client.get(person.get_absolute_url()).content.decode()
        return {
            "edit": f"/people/{person.pk}/edit/" in html,
            "roles": f"/people/{person.pk}/roles/add/" in html,
            "erase": f"/people/{person.pk}/erase/" in html,
        }

    assert actions(staff) == {"edit": False, "roles": False, "erase": False}
    assert actions(outsider) == {"edit": False, "roles": False, "erase": False}
    assert actions(head) == {"edit": True, "roles": True, "erase": False}
    assert actions(admin) == {"edit": True, "roles": True, "erase": True}


def test_own_page_offers_to_edit_my_profile(staff):
    html = staff.get(staff.person.get_absolute_url()).content.decode()
    assert "Edit my profile" in html
    assert "Shown to: everyone signed in to the alliance." in html


def test_unknown_person_is_404(staff):
    assert staff.get("/people/999999/").status_code == 404


def test_wrong_method_is_refused(staff, person):
    assert staff.post(person.get_absolute_url()).status_code == 405


def test_person_page_costs_the_same_queries_for_1_or_30_roles(
    staff, person, django_assert_num_queries
):
    """Prevents an N+1 on each role's type, specialism and partnership, and on each post's
    school: session, user with their profile, the person with their workplace, all their roles,
    all their posts, and the school-editor checks behind the edit, roles and posts buttons."""
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    RoleAssignmentFactory(person=person, role_type=sle)
    with django_assert_num_queries(6):
        staff.get(person.get_absolute_url())
    specialisms = list(Specialism.objects.all())
    for n in range(29):
        RoleAssignmentFactory(
            person=person,
            role_type=sle,
            specialism=specialisms[n % len(specialisms)],
            ends_on=datetime.date(2024, 1, 1) if n % 2 else None,
        )
        Post.objects.create(
            person=person, school=SchoolFactory(), ends_on=datetime.date(2024, 1, 1)
        )
    with django_assert_num_queries(6):
        response = staff.get(person.get_absolute_url())
    assert len(response.context["current_roles"]) + len(response.context["past_roles"]) == 30
    assert len(response.context["person"].career) == 30


def test_page_says_when_and_by_whom_the_profile_was_last_changed(staff, head, admin, person):
    head.post(
        f"/people/{person.pk}/edit/",
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "job_title": "Maths lead",
            "email": person.email,
            "contact_visibility": person.contact_visibility,
        },
    )
    html = staff.get(person.get_absolute_url()).content.decode()
    assert "Last updated" in html and "by their school." in html
    staff.post(
        f"/people/{staff.person.pk}/edit/",
        {
            "first_name": "Sam",
            "last_name": "Staff",
            "email": staff.person.email,
            "contact_visibility": "alliance",
        },
    )
    assert "by them." in staff.get(staff.person.get_absolute_url()).content.decode()
