"""Coordinators add member schools, set role, coordinator and dates, and end memberships."""

import datetime

import pytest

from partnerships.models import Membership, MembershipRole
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory


def add_url(partnership) -> str:
    return f"/partnerships/{partnership.slug}/members/add/"


def edit_url(membership) -> str:
    return f"/partnerships/{membership.partnership.slug}/members/{membership.pk}/edit/"


def end_url(membership) -> str:
    return f"/partnerships/{membership.partnership.slug}/members/{membership.pk}/end/"


@pytest.fixture
def membership(partnership, school):
    return partnership.memberships.get(school=school)


# Adding a school ---------------------------------------------------------------------------


def test_coordinator_adds_a_school(coordinator, partnership, other_school):
    response = coordinator.post(
        add_url(partnership),
        {"school": other_school.pk, "role": MembershipRole.ASSOCIATE, "joined_on": "2024-09-01"},
    )
    assert response.status_code == 302
    added = partnership.memberships.get(school=other_school)
    assert added.role == MembershipRole.ASSOCIATE
    assert added.joined_on == datetime.date(2024, 9, 1)


def test_admin_adds_a_school(admin, partnership, other_school):
    response = admin.post(add_url(partnership), {"school": other_school.pk, "role": "member"})
    assert response.status_code == 302
    assert partnership.memberships.filter(school=other_school).exists()


def test_adding_a_school_already_a_member_shows_the_overlap_message(
    coordinator, partnership, school
):
    response = coordinator.post(
        add_url(partnership), {"school": school.pk, "role": "member", "joined_on": "2024-09-01"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert f"{school.name} is already a member of {partnership.name} from 1 September 2020" in body
    assert "cannot hold two memberships of one partnership at the same time" in body
    assert partnership.memberships.filter(school=school).count() == 1


def test_rejoining_after_leaving_is_allowed(coordinator, partnership, other_school):
    MembershipFactory(
        partnership=partnership, school=other_school, left_on=datetime.date(2022, 7, 31)
    )
    response = coordinator.post(
        add_url(partnership),
        {"school": other_school.pk, "role": "member", "joined_on": "2024-09-01"},
    )
    assert response.status_code == 302
    assert partnership.memberships.filter(school=other_school).count() == 2


def test_left_before_joined_is_refused_next_to_the_field(coordinator, partnership, other_school):
    response = coordinator.post(
        add_url(partnership),
        {
            "school": other_school.pk,
            "role": "member",
            "joined_on": "2024-09-01",
            "left_on": "2024-01-01",
        },
    )
    assert "must be on or after the date it joined" in response.content.decode()
    assert response.context["form"].errors["left_on"]
    assert not partnership.memberships.filter(school=other_school).exists()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_others_cannot_add_a_school(request, persona, partnership, other_school):
    client = request.getfixturevalue(persona)
    assert client.get(add_url(partnership)).status_code == 403
    response = client.post(add_url(partnership), {"school": other_school.pk, "role": "member"})
    assert response.status_code == 403
    assert not partnership.memberships.filter(school=other_school).exists()


def test_anonymous_adding_a_school_is_sent_to_sign_in(anonymous, partnership, other_school):
    response = anonymous.post(add_url(partnership), {"school": other_school.pk, "role": "member"})
    assert response.url.startswith("/accounts/login/")
    assert not partnership.memberships.filter(school=other_school).exists()


def test_add_refuses_wrong_method(coordinator, partnership):
    assert coordinator.put(add_url(partnership)).status_code == 405


# Changing a membership ---------------------------------------------------------------------


def test_coordinator_sets_role_coordinator_and_dates(coordinator, membership, school):
    deputy = PersonFactory(school=school)
    response = coordinator.post(
        edit_url(membership),
        {"role": "lead", "coordinator": deputy.pk, "joined_on": "2019-09-01", "left_on": ""},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.coordinator, membership.joined_on) == (
        "lead",
        deputy,
        datetime.date(2019, 9, 1),
    )


def test_coordinator_must_work_at_the_school(coordinator, membership, other_school):
    stranger = PersonFactory(school=other_school)
    response = coordinator.post(
        edit_url(membership), {"role": "lead", "coordinator": stranger.pk, "joined_on": ""}
    )
    assert "Choose one of the options offered for “Coordinator”." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER


def test_dates_that_overlap_an_earlier_membership_are_refused(coordinator, membership, partnership):
    earlier = MembershipFactory(
        partnership=partnership,
        school=membership.school,
        joined_on=datetime.date(2015, 9, 1),
        left_on=datetime.date(2018, 7, 31),
    )
    response = coordinator.post(
        edit_url(membership),
        {"role": "member", "coordinator": "", "joined_on": "2017-09-01", "left_on": ""},
    )
    assert "is already a member of" in response.content.decode()
    membership.refresh_from_db()
    assert membership.joined_on == datetime.date(2020, 9, 1)
    assert earlier.pk != membership.pk


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_others_cannot_change_a_membership(request, persona, membership):
    client = request.getfixturevalue(persona)
    response = client.post(edit_url(membership), {"role": "lead", "joined_on": ""})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER


def test_anonymous_changing_a_membership_is_sent_to_sign_in(anonymous, membership):
    response = anonymous.post(edit_url(membership), {"role": "lead"})
    assert response.url.startswith("/accounts/login/")


def test_membership_of_another_partnership_is_404(coordinator, partnership, db):
    elsewhere = MembershipFactory()
    url = f"/partnerships/{partnership.slug}/members/{elsewhere.pk}/edit/"
    assert coordinator.get(url).status_code == 404


def test_edit_refuses_wrong_method(coordinator, membership):
    assert coordinator.patch(edit_url(membership)).status_code == 405


# Ending a membership -----------------------------------------------------------------------


def test_coordinator_ends_a_membership_and_the_school_moves_to_past_members(
    admin, membership, partnership
):
    other = MembershipFactory(partnership=partnership, school=SchoolFactory(name="Leaving School"))
    response = admin.post(end_url(other), {"left_on": "2024-07-31"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.left_on == datetime.date(2024, 7, 31)
    page = admin.get(partnership.get_absolute_url())
    assert [m.school.name for m in page.context["past_members"]] == ["Leaving School"]


def test_coordinator_may_end_a_membership(coordinator, membership):
    assert coordinator.post(end_url(membership), {"left_on": "2024-07-31"}).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2024, 7, 31)


def test_end_needs_a_date_on_or_after_joining(coordinator, membership):
    response = coordinator.post(end_url(membership), {"left_on": "2019-01-01"})
    assert "must be on or after the date it joined" in response.content.decode()
    response = coordinator.post(end_url(membership), {"left_on": ""})
    assert "Enter a date for “Last day of membership”." in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_others_cannot_end_a_membership(request, persona, membership):
    client = request.getfixturevalue(persona)
    assert client.post(end_url(membership), {"left_on": "2024-07-31"}).status_code == 403
    membership.refresh_from_db()
    assert membership.left_on is None


def test_anonymous_ending_a_membership_is_sent_to_sign_in(anonymous, membership):
    response = anonymous.post(end_url(membership), {"left_on": "2024-07-31"})
    assert response.url.startswith("/accounts/login/")
    membership.refresh_from_db()
    assert membership.left_on is None


def test_end_refuses_wrong_method(coordinator, membership):
    assert coordinator.put(end_url(membership)).status_code == 405
    assert Membership.objects.get(pk=membership.pk).left_on is None
