"""Home page: "my partnerships and groups" for a signed-in user."""

import datetime

import pytest

from tests.factories import MembershipFactory, NetworkGroupFactory, PartnershipFactory


def test_signed_in_user_sees_their_schools_partnerships_and_their_groups(staff, partnership):
    group = NetworkGroupFactory(partnership=partnership, name="Reading network")
    group.members.add(staff.person)
    chaired = NetworkGroupFactory(partnership=partnership, name="Writing network")
    chaired.chair = staff.person
    chaired.save()
    NetworkGroupFactory(partnership=partnership, name="Someone else's network")
    MembershipFactory(
        school=staff.person.school,
        partnership=PartnershipFactory(name="Old Cluster"),
        left_on=datetime.date(2021, 7, 31),
    )
    PartnershipFactory(name="Unrelated Partnership")

    response = staff.get("/")
    body = response.content.decode()
    assert [p.name for p in response.context["my_partnerships"]] == ["Testbridge Alliance"]
    assert [g.name for g in response.context["my_groups"]] == [
        "Reading network",
        "Writing network",
    ]
    assert f'href="{partnership.get_absolute_url()}"' in body
    assert f'href="{group.get_absolute_url()}"' in body
    assert "Chair &middot; Testbridge Alliance" in body
    assert "Old Cluster" not in body
    assert "Unrelated Partnership" not in body
    assert "Someone else" not in body


def test_user_in_nothing_is_invited_to_browse(outsider):
    body = outsider.get("/").content.decode()
    assert "You are not in any partnership or group yet." in body


def test_anonymous_sees_no_personal_section(anonymous, partnership):
    body = anonymous.get("/").content.decode()
    assert "My partnerships and groups" not in body


@pytest.mark.parametrize("count", [1, 30])
def test_home_costs_the_same_queries_for_1_or_30_partnerships_and_groups(
    staff, school, django_assert_num_queries, count
):
    """Each list is one query; a group's partnership comes by join (no N+1 per group).
    7 queries: session and user with their profile (2), upcoming events (1), the profile's
    school (1), my open actions, my partnerships and my groups (3)."""
    for _ in range(count):
        partnership = MembershipFactory(school=school).partnership
        NetworkGroupFactory(partnership=partnership).members.add(staff.person)
    with django_assert_num_queries(7):
        response = staff.get("/")
    assert len(response.context["my_groups"]) == count
