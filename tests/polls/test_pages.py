"""Polls on the partnership, group and home pages: for their members only."""

import pytest

from tests.factories import MembershipFactory, NetworkGroupFactory, PollFactory


def test_partnership_page_lists_its_polls_for_members_and_a_new_poll_link_for_coordinators(
    staff, coordinator, poll
):
    body = staff.get(poll.partnership.get_absolute_url()).content.decode()
    assert f'<a href="{poll.get_absolute_url()}">{poll.title}</a>' in body
    assert "Find a date with a poll" not in body
    body = coordinator.get(poll.partnership.get_absolute_url()).content.decode()
    assert f"/polls/new/{poll.partnership.slug}/" in body


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_others_see_no_polls_on_the_partnership_page(persona, request, poll):
    client = request.getfixturevalue(persona)
    body = client.get(poll.partnership.get_absolute_url()).content.decode()
    assert poll.title not in body and "Date polls" not in body


def test_group_page_lists_the_groups_polls_for_its_members(staff, chair, group_poll):
    url = chair.group.get_absolute_url()
    assert group_poll.title in chair.get(url).content.decode()
    assert f"/polls/new/{group_poll.partnership.slug}/{chair.group.slug}/" in (
        chair.get(url).content.decode()
    )
    assert group_poll.title not in staff.get(url).content.decode()
    chair.group.members.add(staff.person)
    assert group_poll.title in staff.get(url).content.decode()


def test_home_page_lists_open_polls_of_my_partnerships_and_groups(staff, outsider, poll):
    body = staff.get("/").content.decode()
    assert "Date polls to answer" in body
    assert f'<a href="{poll.get_absolute_url()}">{poll.title}</a>' in body
    assert poll.title not in outsider.get("/").content.decode()


def test_a_closed_poll_leaves_the_home_page(staff, poll):
    from django.utils import timezone

    poll.closed_at = timezone.now()
    poll.save()
    assert poll.title not in staff.get("/").content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_home_keeps_its_query_count_with_polls_in_every_partnership_and_group(
    staff, school, django_assert_num_queries, count
):
    """Each partnership's and group's newest open poll is read with its row (no N+1 per
    partnership or group): still 7 queries (tests/alliance/test_home.py)."""
    for _ in range(count):
        partnership = MembershipFactory(school=school).partnership
        PollFactory(partnership=partnership)
        group = NetworkGroupFactory(partnership=partnership)
        group.members.add(staff.person)
        PollFactory(partnership=partnership, network_group=group)
    with django_assert_num_queries(7):
        response = staff.get("/")
    assert len(response.context["open_polls"]) == 2 * count


@pytest.mark.parametrize("count", [1, 10])
def test_partnership_and_group_pages_read_polls_with_the_row(
    staff, chair, partnership, django_assert_max_num_queries, count
):
    """Polls come as a JSON list with the partnership or group (alliance.lib.nested): the
    pages keep the counts their own tests give (9 each for a member: with the open actions,
    and the partnership's attendance chart), whatever the number of polls."""
    chair.group.members.add(staff.person)
    for _ in range(count):
        PollFactory(partnership=partnership)
        PollFactory(partnership=partnership, network_group=chair.group)
    with django_assert_max_num_queries(9):
        response = staff.get(partnership.get_absolute_url())
    assert len(response.context["polls"]) == count
    with django_assert_max_num_queries(9):
        response = staff.get(chair.group.get_absolute_url())
    assert len(response.context["polls"]) == count
