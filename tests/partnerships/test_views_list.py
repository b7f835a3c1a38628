"""The partnership list: filter by kind, search, member counts; the public sees published only."""

import datetime

import pytest

from partnerships.models import PartnershipKind
from tests.factories import MembershipFactory, PartnershipFactory


@pytest.fixture
def partnerships(db):
    hub = PartnershipFactory(
        name="Testbridge Maths Hub", kind=PartnershipKind.MATHS_HUB, description="Mastery."
    )
    itt = PartnershipFactory(
        name="Testbridge ITT Partnership",
        kind=PartnershipKind.ITT_PARTNERSHIP,
        description="Training new teachers with the university.",
    )
    hidden = PartnershipFactory(name="Testbridge Heads' Network", is_published=False)
    return {"hub": hub, "itt": itt, "hidden": hidden}


def names(response) -> list[str]:
    return [p.name for p in response.context["page_obj"]]


def test_public_sees_published_partnerships_only(anonymous, partnerships):
    response = anonymous.get("/partnerships/")
    assert names(response) == ["Testbridge ITT Partnership", "Testbridge Maths Hub"]
    assert "Heads&#x27; Network" not in response.content.decode()


def test_signed_in_user_also_sees_unpublished_partnerships(staff, partnerships):
    response = staff.get("/partnerships/")
    assert "Testbridge Heads' Network" in names(response)
    assert "(not published)" in response.content.decode()


def test_filter_by_kind(anonymous, partnerships):
    response = anonymous.get("/partnerships/", {"kind": PartnershipKind.MATHS_HUB})
    assert names(response) == ["Testbridge Maths Hub"]
    assert "Clear filters" in response.content.decode()


def test_search_matches_name_and_description(anonymous, partnerships):
    assert names(anonymous.get("/partnerships/", {"q": "university"})) == [
        "Testbridge ITT Partnership"
    ]
    assert names(anonymous.get("/partnerships/", {"q": "maths hub"})) == ["Testbridge Maths Hub"]


def test_no_match_says_so_and_offers_to_clear_filters(anonymous, partnerships):
    response = anonymous.get("/partnerships/", {"q": "nothing like this"})
    body = response.content.decode()
    assert "0 partnerships" in body
    assert "No partnership matches these filters" in body


def test_unknown_kind_shows_an_error_not_a_server_error(anonymous, partnerships):
    response = anonymous.get("/partnerships/", {"kind": "castle"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_list_counts_current_members_only(anonymous, partnerships):
    hub = partnerships["hub"]
    MembershipFactory.create_batch(3, partnership=hub)
    MembershipFactory(partnership=hub, left_on=datetime.date(2021, 7, 31))
    response = anonymous.get("/partnerships/", {"kind": PartnershipKind.MATHS_HUB})
    assert response.context["page_obj"][0].member_count == 3
    assert "3 partnerships" not in response.content.decode()  # the count is of partnerships


@pytest.mark.parametrize("rows", [1, 30])
def test_list_costs_the_same_queries_for_1_or_30_partnerships(
    anonymous, db, django_assert_num_queries, rows
):
    """Member counts come from one annotated query, not one COUNT per partnership (N+1); the
    parent's name from a join, not a query per row. 2 queries: the count and the page."""
    for _ in range(rows):
        MembershipFactory.create_batch(
            2, partnership=PartnershipFactory(parent=PartnershipFactory())
        )
    with django_assert_num_queries(2):
        response = anonymous.get("/partnerships/")
    assert response.status_code == 200
