"""The network group page: focus, chair, members, cadence, reports-to and its meetings."""

import datetime

import pytest

from partnerships.models import Cadence, Focus
from tests.factories import EventFactory, NetworkGroupFactory, PartnershipFactory, PersonFactory

LAST_YEAR = datetime.datetime(2025, 3, 4, 16, tzinfo=datetime.UTC)


@pytest.fixture
def group(partnership, school):
    heads = NetworkGroupFactory(partnership=partnership, name="Heads' network", slug="heads")
    chair = PersonFactory(school=school, first_name="Ada", last_name="Lovelace")
    group = NetworkGroupFactory(
        partnership=partnership,
        name="SEND network",
        slug="send-network",
        focus=Focus.SEND,
        cadence=Cadence.HALF_TERMLY,
        chair=chair,
        reports_to=heads,
    )
    group.members.add(chair, PersonFactory(school=school, first_name="Alan", last_name="Turing"))
    EventFactory(network_group=group, title="Spring SEND meeting")
    EventFactory(
        network_group=group,
        title="Last year's SEND meeting",
        starts_at=LAST_YEAR,
        ends_at=LAST_YEAR + datetime.timedelta(hours=2),
    )
    return group


def test_group_page_shows_focus_cadence_chair_members_and_reports_to(staff, group):
    body = staff.get(group.get_absolute_url()).content.decode()
    assert "<dd>SEND</dd>" in body
    assert "<dd>Half-termly</dd>" in body
    assert "Ada Lovelace" in body
    assert "Alan Turing" in body
    assert "Heads&#x27; network" in body


def test_group_page_lists_upcoming_and_past_meetings_apart(staff, group):
    response = staff.get(group.get_absolute_url())
    assert [e.title for e in response.context["upcoming"]] == ["Spring SEND meeting"]
    assert [e.title for e in response.context["past"]] == ["Last year's SEND meeting"]
    body = response.content.decode()
    assert body.index("Upcoming meetings") < body.index("Spring SEND meeting")
    assert body.index("Past meetings") < body.index("Last year&#x27;s SEND meeting")


def test_public_sees_the_group_but_not_its_people(anonymous, group):
    response = anonymous.get(group.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "SEND network" in body
    assert "Lovelace" not in body
    assert "Turing" not in body
    assert "Sign in</a> to see who chairs and belongs to this group" in body


def test_group_of_unpublished_partnership_is_404_for_the_public(anonymous, staff, db):
    group = NetworkGroupFactory(partnership=PartnershipFactory(is_published=False))
    assert anonymous.get(group.get_absolute_url()).status_code == 404
    assert staff.get(group.get_absolute_url()).status_code == 200


def test_group_in_another_partnership_is_404(staff, partnership, db):
    other = NetworkGroupFactory(partnership=PartnershipFactory())
    url = f"/partnerships/{partnership.slug}/groups/{other.slug}/"
    assert staff.get(url).status_code == 404


@pytest.mark.parametrize("members", [1, 30])
def test_group_page_costs_the_same_queries_for_1_or_30_members(
    staff, group, django_assert_num_queries, members
):
    """Members come with their school and organisation in one query (no N+1 per member for the
    workplace). 7 queries: session and user with their profile (2), the group with its
    partnership (whether the user coordinates it) and the groups reporting to it, members,
    upcoming and past meetings, open actions with their owners and meetings (5); 6 where
    sessions are read from the cache, as in production.
    """
    group.members.set(PersonFactory.create_batch(members))
    with django_assert_num_queries(7):
        response = staff.get(group.get_absolute_url())
    assert len(response.context["members"]) == members


def test_public_does_not_see_a_reports_to_group_in_an_unpublished_partnership(anonymous, group):
    hidden = NetworkGroupFactory(
        partnership=PartnershipFactory(is_published=False), name="Private board"
    )
    group.reports_to = hidden
    group.save()
    assert "Private board" not in anonymous.get(group.get_absolute_url()).content.decode()
