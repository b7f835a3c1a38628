"""Giving staff a role and ending it: the school's head and editors, and admins. An ended
role stays on the profile as a past role."""

import datetime

import pytest
from django.utils import timezone

from people.models import RoleAssignment, RoleType, Specialism
from tests.factories import PartnershipFactory, PersonFactory, RoleAssignmentFactory


@pytest.fixture
def colleague(school):
    return PersonFactory(school=school, first_name="Colin", last_name="Colleague")


@pytest.fixture
def sle():
    return RoleType.objects.get(slug="specialist-leader-of-education")


def add_data(role_type, **extra) -> dict:
    return {"role_type": role_type.pk, "starts_on": "2024-09-01", **extra}


# Adding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_head_editors_and_admins_give_staff_a_role(request, persona, colleague, sle, partnership):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/roles/add/"
    assert client.get(url).status_code == 200
    maths = Specialism.objects.get(slug="maths")
    response = client.post(url, add_data(sle, specialism=maths.pk, partnership=partnership.pk))
    assert response.status_code == 302
    assert response["Location"] == colleague.get_absolute_url()
    role = colleague.role_assignments.get()
    assert (role.role_type, role.specialism, role.partnership) == (sle, maths, partnership)
    assert role.starts_on == datetime.date(2024, 9, 1) and role.ends_on is None
    page = client.get(colleague.get_absolute_url())
    assert [str(r) for r in page.context["current_roles"]] == ["SLE (Maths)"]
    assert "SLE (Maths) added to Colin Colleague" in page.content.decode()


@pytest.mark.parametrize("persona", ["staff", "coordinator", "outsider"])
def test_others_cannot_give_roles(request, persona, colleague, sle):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/roles/add/"
    assert client.get(url).status_code == 403
    assert client.post(url, add_data(sle)).status_code == 403
    assert not colleague.role_assignments.exists()


def test_a_member_cannot_give_themself_a_role(staff, sle):
    url = f"/people/{staff.person.pk}/roles/add/"
    assert staff.post(url, add_data(sle)).status_code == 403
    assert not staff.person.role_assignments.exists()


def test_anonymous_is_sent_to_sign_in_to_add_a_role(anonymous, colleague, sle):
    response = anonymous.post(f"/people/{colleague.pk}/roles/add/", add_data(sle))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not colleague.role_assignments.exists()


def test_add_role_wrong_method_is_refused(head, colleague):
    assert head.put(f"/people/{colleague.pk}/roles/add/").status_code == 405


def test_a_role_cannot_end_before_it_starts(head, colleague, sle):
    response = head.post(
        f"/people/{colleague.pk}/roles/add/",
        add_data(sle, starts_on="2024-09-01", ends_on="2024-01-01"),
    )
    assert response.status_code == 200
    assert "A role cannot end before it starts." in response.content.decode()
    assert not colleague.role_assignments.exists()


def test_a_role_needs_a_role_type(head, colleague):
    response = head.post(f"/people/{colleague.pk}/roles/add/", {"starts_on": "2024-09-01"})
    assert response.status_code == 200
    assert 'href="#id_role_type"' in response.content.decode()


# Ending --------------------------------------------------------------------------------------


@pytest.fixture
def held(colleague, sle):
    return RoleAssignmentFactory(
        person=colleague, role_type=sle, starts_on=datetime.date(2021, 9, 1)
    )


def test_ending_a_role_today_moves_it_to_past_roles(head, colleague, held):
    url = f"/people/{colleague.pk}/roles/{held.pk}/end/"
    assert head.get(url).status_code == 200
    today = timezone.localdate()
    response = head.post(url, {"ends_on": today.isoformat()})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.ends_on == today
    page = head.get(colleague.get_absolute_url())
    assert page.context["current_roles"] == []
    assert page.context["past_roles"] == [held]
    assert RoleAssignment.objects.filter(pk=held.pk).exists()


def test_an_ended_role_leaves_the_directory_role_filter(staff, head, colleague, held):
    head.post(
        f"/people/{colleague.pk}/roles/{held.pk}/end/",
        {"ends_on": timezone.localdate().isoformat()},
    )
    rows = staff.get("/people/", {"role": "specialist-leader-of-education"}).context["rows"]
    assert colleague not in rows


@pytest.mark.parametrize("persona", ["staff", "coordinator", "outsider"])
def test_others_cannot_end_a_role(request, persona, colleague, held):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/roles/{held.pk}/end/"
    assert client.post(url, {"ends_on": "2024-01-01"}).status_code == 403
    held.refresh_from_db()
    assert held.ends_on is None


def test_anonymous_is_sent_to_sign_in_to_end_a_role(anonymous, colleague, held):
    response = anonymous.post(
        f"/people/{colleague.pk}/roles/{held.pk}/end/", {"ends_on": "2024-01-01"}
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.ends_on is None


def test_end_role_wrong_method_is_refused(head, colleague, held):
    assert head.delete(f"/people/{colleague.pk}/roles/{held.pk}/end/").status_code == 405


def test_end_date_before_the_start_is_refused(head, colleague, held):
    response = head.post(f"/people/{colleague.pk}/roles/{held.pk}/end/", {"ends_on": "2020-01-01"})
    assert response.status_code == 200
    assert "it cannot end before that" in response.content.decode()
    held.refresh_from_db()
    assert held.ends_on is None


def test_an_already_ended_role_cannot_be_ended_again(head, colleague, sle):
    ended = RoleAssignmentFactory(
        person=colleague, role_type=sle, ends_on=datetime.date(2023, 7, 21)
    )
    response = head.post(
        f"/people/{colleague.pk}/roles/{ended.pk}/end/",
        {"ends_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "already ended" in response.content.decode()
    ended.refresh_from_db()
    assert ended.ends_on == datetime.date(2023, 7, 21)


def test_a_role_of_someone_else_is_404_under_this_person(head, colleague, school, sle):
    other = RoleAssignmentFactory(person=PersonFactory(school=school), role_type=sle)
    response = head.post(f"/people/{colleague.pk}/roles/{other.pk}/end/", {"ends_on": "2024-01-01"})
    assert response.status_code == 404


def test_a_role_in_an_unrelated_partnership_can_still_be_recorded(admin, colleague, sle):
    hub = PartnershipFactory(name="Testbridge Maths Hub")
    admin.post(f"/people/{colleague.pk}/roles/add/", add_data(sle, partnership=hub.pk))
    assert colleague.role_assignments.get().partnership == hub


# Dates as the browser's date box reads them -------------------------------------------------


def test_add_a_role_prefills_today_as_an_iso_date(head, colleague):
    """<input type="date"> reads only ISO: a British 06/12/2026 left the box empty."""
    html = head.get(f"/people/{colleague.pk}/roles/add/").content.decode()
    today = timezone.localdate().isoformat()
    assert f'type="date" name="starts_on" value="{today}"' in html


def test_end_this_role_prefills_today_as_an_iso_date(head, colleague, held):
    html = head.get(f"/people/{colleague.pk}/roles/{held.pk}/end/").content.decode()
    today = timezone.localdate().isoformat()
    assert f'type="date" name="ends_on" value="{today}"' in html
