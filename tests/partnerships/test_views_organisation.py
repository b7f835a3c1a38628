"""Partner organisations have their own pages (partnerships, people, roles held there),
found by search, and the coordinators of a partnership they work with edit them."""

import pytest

from partnerships.models import PartnerOrganisation
from people.models import RoleType
from search.index import reindex_all
from tests.factories import PartnershipFactory, PersonFactory, RoleAssignmentFactory


@pytest.fixture
def board(partnership):
    board = PartnerOrganisation.objects.create(
        name="Testshire Safeguarding Board", kind="local_authority", description="The LA board."
    )
    board.partnerships.add(partnership)
    return board


def url(board, rest: str = "") -> str:
    return f"/partnerships/organisations/{board.pk}/{rest}"


def test_the_page_shows_partnerships_people_and_roles_held_there(staff, board, partnership):
    worker = PersonFactory(school=None, organisation=board, first_name="Wyn", last_name="Worker")
    member = PersonFactory(first_name="Mo", last_name="Member")
    RoleAssignmentFactory(
        person=member,
        role_type=RoleType.objects.get(slug="designated-safeguarding-lead"),
        organisation=board,
    )
    html = staff.get(url(board)).content.decode()
    assert "Testshire Safeguarding Board" in html
    assert f'href="{partnership.get_absolute_url()}"' in html
    assert f'href="{worker.get_absolute_url()}"' in html
    assert f'href="{member.get_absolute_url()}"' in html
    assert "Designated safeguarding lead" in html or "DSL" in html


def test_the_public_sees_the_page_but_no_names(anonymous, board):
    PersonFactory(school=None, organisation=board, first_name="Wyn", last_name="Worker")
    response = anonymous.get(url(board))
    assert response.status_code == 200
    assert "Wyn Worker" not in response.content.decode()


def test_the_public_does_not_see_an_unpublished_partnership_on_it(anonymous, board):
    hidden = PartnershipFactory(name="Private Trust", is_published=False)
    board.partnerships.add(hidden)
    assert "Private Trust" not in anonymous.get(url(board)).content.decode()


def test_a_coordinator_of_a_partnership_it_works_with_edits_it(coordinator, board):
    assert coordinator.get(url(board, "edit/")).status_code == 200
    response = coordinator.post(
        url(board, "edit/"),
        {"name": "Testshire Safeguarding Partnership", "kind": "local_authority"},
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.name == "Testshire Safeguarding Partnership"


@pytest.mark.parametrize("persona", ["staff", "head", "outsider", "chair"])
def test_others_cannot_edit_it(request, persona, board):
    client = request.getfixturevalue(persona)
    response = client.post(url(board, "edit/"), {"name": "Taken over", "kind": "other"})
    assert response.status_code == 403
    board.refresh_from_db()
    assert board.name == "Testshire Safeguarding Board"


def test_a_coordinator_of_another_partnership_cannot_edit_it(coordinator, partnership):
    elsewhere = PartnerOrganisation.objects.create(name="Elsewhere University")
    elsewhere.partnerships.add(PartnershipFactory())
    assert coordinator.post(url(elsewhere, "edit/"), {"name": "X"}).status_code == 403


def test_anonymous_is_sent_to_sign_in_to_edit(anonymous, board):
    response = anonymous.get(url(board, "edit/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_empty_name_is_refused_and_changes_nothing(coordinator, board):
    response = coordinator.post(url(board, "edit/"), {"name": "  ", "kind": "other"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    board.refresh_from_db()
    assert board.name == "Testshire Safeguarding Board"


def test_wrong_methods_are_refused(coordinator, board):
    assert coordinator.post(url(board)).status_code == 405
    assert coordinator.put(url(board, "edit/")).status_code == 405


def test_search_finds_the_organisation_for_everyone(anonymous, board):
    reindex_all()
    html = anonymous.get("/search/", {"q": "safeguarding board", "as_typed": "1"}).content
    assert board.get_absolute_url().encode() in html


def test_the_partnership_page_links_to_it(anonymous, board, partnership):
    html = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert f'href="{board.get_absolute_url()}"' in html


@pytest.mark.parametrize("rows", [1, 20])
def test_the_page_costs_the_same_queries_for_1_or_20_people_and_roles(
    staff, board, rows, django_assert_num_queries
):
    """Prevents an N+1 on each role's holder: session, user, organisation (with whether the
    user edits it), partnerships, people, roles with their holders."""
    for _ in range(rows):
        PersonFactory(school=None, organisation=board)
        RoleAssignmentFactory(person=PersonFactory(), organisation=board)
    with django_assert_num_queries(6):
        response = staff.get(url(board))
    assert len(response.context["people"]) == rows
    assert len(response.context["roles"]) == rows
