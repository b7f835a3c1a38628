"""Group chairs and partnership coordinators edit the group: description, cadence, members."""

import pytest

from partnerships.models import Cadence
from tests.factories import NetworkGroupFactory, PersonFactory


@pytest.fixture
def group(partnership):
    return NetworkGroupFactory(
        partnership=partnership, name="Maths network", slug="maths", cadence=Cadence.TERMLY
    )


@pytest.fixture
def colleague(school):
    return PersonFactory(school=school, first_name="Mary", last_name="Somerville")


def url(group) -> str:
    return f"/partnerships/{group.partnership.slug}/groups/{group.slug}/edit/"


def post_data(colleague) -> dict:
    return {
        "description": "Maths leads of every school.",
        "cadence": Cadence.HALF_TERMLY,
        "members": [colleague.pk],
    }


def assert_unchanged(group) -> None:
    group.refresh_from_db()
    assert group.cadence == Cadence.TERMLY
    assert group.description == ""
    assert not group.members.exists()


def test_chair_edits_the_group(staff, group, colleague):
    group.chair = staff.person
    group.save()
    response = staff.post(url(group), post_data(colleague))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.cadence == Cadence.HALF_TERMLY
    assert group.description == "Maths leads of every school."
    assert list(group.members.all()) == [colleague]
    assert "Maths network has been saved." in staff.get(response.url).content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "admin"])
def test_coordinators_and_admins_edit_the_group(request, persona, group, colleague):
    client = request.getfixturevalue(persona)
    assert client.get(url(group)).status_code == 200
    assert client.post(url(group), post_data(colleague)).status_code == 302
    assert list(group.members.all()) == [colleague]


def test_members_are_chosen_from_the_partnerships_schools(coordinator, group, other_school):
    stranger = PersonFactory(school=other_school)
    response = coordinator.post(url(group), post_data(stranger))
    assert response.status_code == 200
    assert "Choose one of the options offered for “Members”." in response.content.decode()
    assert_unchanged(group)


def test_unknown_cadence_is_refused(coordinator, group, colleague):
    response = coordinator.post(url(group), post_data(colleague) | {"cadence": "hourly"})
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_cadence"' in body
    assert_unchanged(group)


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_others_get_403_and_nothing_changes(request, persona, group, colleague):
    client = request.getfixturevalue(persona)
    assert client.get(url(group)).status_code == 403
    assert client.post(url(group), post_data(colleague)).status_code == 403
    assert_unchanged(group)


def test_anonymous_is_sent_to_sign_in(anonymous, group, colleague):
    response = anonymous.post(url(group), post_data(colleague))
    assert response.url.startswith("/accounts/login/")
    assert_unchanged(group)


def test_wrong_method_is_refused(coordinator, group):
    assert coordinator.put(url(group)).status_code == 405


def test_edit_link_shows_for_the_chair_only(staff, outsider, group):
    group.chair = staff.person
    group.save()
    assert "Edit the group" in staff.get(group.get_absolute_url()).content.decode()
    assert "Edit the group" not in outsider.get(group.get_absolute_url()).content.decode()
