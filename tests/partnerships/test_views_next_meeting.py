"""Who is next: the group and partnership pages name the next meeting's host, chair and
minute-taker, and link the rota planner for those who plan, without a query more."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
)


def _in(days: int) -> dict:
    start = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}


@pytest.fixture
def group(partnership, school):
    return NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")


@pytest.fixture
def meetings(partnership, group, school):
    """The group's next two meetings, one it had, and the partnership's own next meeting."""
    host = SchoolFactory(name="Hollybank Primary School")
    chair = PersonFactory(school=host, first_name="Grace", last_name="Hopper")
    taker = PersonFactory(school=host, first_name="Katherine", last_name="Johnson")
    EventFactory(network_group=group, partnership=partnership, host_school=school, **_in(-30))
    EventFactory(
        network_group=group,
        partnership=partnership,
        host_school=host,
        chair=chair,
        minute_taker=taker,
        **_in(10),
    )
    EventFactory(network_group=group, partnership=partnership, host_school=school, **_in(60))
    heads_host = SchoolFactory(name="Juniper Academy")
    EventFactory(
        partnership=partnership,
        host_school=heads_host,
        chair=PersonFactory(school=heads_host, first_name="Mary", last_name="Somerville"),
        **_in(20),
    )
    return host


def _next(html: str) -> str:
    return html.split('id="next-meeting-title"', 1)[1].split("</section>", 1)[0]


def test_the_group_page_names_the_next_host_chair_and_minute_taker(staff, group, meetings):
    section = _next(staff.get(group.get_absolute_url()).content.decode())
    assert "Hollybank Primary School" in section
    assert "Grace Hopper" in section and "Katherine Johnson" in section


def test_the_public_sees_the_next_host_but_not_the_people(anonymous, group, meetings):
    section = _next(anonymous.get(group.get_absolute_url()).content.decode())
    assert "Hollybank Primary School" in section
    assert "Grace Hopper" not in section and "Katherine Johnson" not in section


def test_the_partnership_page_names_its_own_next_meeting_not_a_groups(staff, partnership, meetings):
    section = _next(staff.get(partnership.get_absolute_url()).content.decode())
    assert "Juniper Academy" in section and "Mary Somerville" in section
    assert "Hollybank" not in section


def test_without_a_meeting_the_page_says_none_is_planned(staff, db):
    partnership = PartnershipFactory()
    section = _next(staff.get(partnership.get_absolute_url()).content.decode())
    assert "No meeting is planned yet." in section


def test_coordinators_find_the_rota_planner_there(coordinator, partnership, group):
    html = coordinator.get(partnership.get_absolute_url()).content.decode()
    assert f'href="/events/rota/{partnership.slug}/"' in html
    html = coordinator.get(group.get_absolute_url()).content.decode()
    assert f'href="/events/rota/{partnership.slug}/{group.slug}/"' in html


def test_a_groups_chair_finds_the_groups_planner(chair, partnership):
    html = chair.get(chair.group.get_absolute_url()).content.decode()
    assert f'href="/events/rota/{partnership.slug}/{chair.group.slug}/"' in html


def test_members_who_do_not_plan_see_no_planner_link(staff, partnership, group):
    for url in (partnership.get_absolute_url(), group.get_absolute_url()):
        assert "/events/rota/" not in staff.get(url).content.decode()


@pytest.mark.parametrize("count", [1, 10])
def test_who_is_next_costs_no_query_of_its_own(
    count, staff, partnership, group, django_assert_num_queries
):
    """The next meeting is the first of the upcoming list, fetched with its host, chair and
    minute-taker: the pages keep their counts (test_views_detail, test_views_group)."""
    for n in range(count):
        EventFactory(
            network_group=group,
            partnership=partnership,
            host_school=SchoolFactory(),
            chair=PersonFactory(),
            minute_taker=PersonFactory(),
            **_in(n + 1),
        )
    # Each page also reads its open actions, and the partnership page its attendance chart.
    with django_assert_num_queries(7):
        response = staff.get(group.get_absolute_url())
    assert response.context["next_meeting"] is not None
    with django_assert_num_queries(7):
        response = staff.get(partnership.get_absolute_url())
    assert len(response.context["events"]) == count
