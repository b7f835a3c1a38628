"""Coordinators edit their partnership's description, aims and commitments (ordered lists)."""

import pytest

from partnerships.models import Statement
from tests.factories import StatementFactory


def statements_data(prefix: str, lines: list[tuple[str, int | str, bool]], initial: int = 0):
    """POST data for an aims/commitments formset: (text, order, delete) per line."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(lines)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, (text, order, delete) in enumerate(lines):
        data[f"{prefix}-{index}-text"] = text
        data[f"{prefix}-{index}-ORDER"] = str(order)
        if delete:
            data[f"{prefix}-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def aims(partnership):
    StatementFactory(partnership=partnership, text="Raise attainment", position=1)
    StatementFactory(partnership=partnership, text="Share training", position=2)
    return partnership


def valid_post(partnership):
    return {
        "description": "Eight schools working together.",
        # Swap the two existing aims, delete nothing, add a third.
        **statements_data(
            "aims",
            [("Raise attainment", 2, False), ("Share training", 1, False), ("Moderate", 3, False)],
            initial=2,
        ),
        **statements_data("commitments", [("Host one meeting a year", 1, False)]),
    }


def url(partnership) -> str:
    return f"/partnerships/{partnership.slug}/edit/"


def texts(partnership, kind) -> list[str]:
    return list(
        partnership.statements.filter(kind=kind).order_by("position").values_list("text", flat=True)
    )


def test_coordinator_sees_the_form_with_the_current_aims(coordinator, aims):
    response = coordinator.get(url(aims))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Raise attainment"' in body
    assert 'name="aims-0-ORDER"' in body


def test_coordinator_saves_description_and_ordered_aims_and_commitments(coordinator, aims):
    response = coordinator.post(url(aims), valid_post(aims))
    assert response.status_code == 302
    aims.refresh_from_db()
    assert aims.description == "Eight schools working together."
    assert texts(aims, Statement.Kind.AIM) == ["Share training", "Raise attainment", "Moderate"]
    assert texts(aims, Statement.Kind.COMMITMENT) == ["Host one meeting a year"]
    page = coordinator.get(response.url).content.decode()
    assert "The partnership&#x27;s page has been saved." in page
    assert page.index("Share training") < page.index("Raise attainment")


def test_coordinator_deletes_an_aim(coordinator, aims):
    data = valid_post(aims) | {"aims-0-DELETE": "on"}
    coordinator.post(url(aims), data)
    assert texts(aims, Statement.Kind.AIM) == ["Share training", "Moderate"]


def test_admin_may_edit_any_partnership(admin, aims):
    assert admin.post(url(aims), valid_post(aims)).status_code == 302
    assert texts(aims, Statement.Kind.AIM)[0] == "Share training"


def test_too_long_aim_is_refused_with_a_message_and_nothing_changes(coordinator, aims):
    data = valid_post(aims) | {"aims-2-text": "x" * 501}
    response = coordinator.post(url(aims), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert ('<a href="#id_aims-2-text">Aim 3 must be 500 characters or fewer (it has 501).') in body
    assert texts(aims, Statement.Kind.AIM) == ["Raise attainment", "Share training"]


def test_emptied_aim_asks_to_write_it_or_delete_it(coordinator, aims):
    data = valid_post(aims) | {"aims-0-text": ""}
    response = coordinator.post(url(aims), data)
    assert "Write the text, or tick Delete to remove this line." in response.content.decode()
    assert texts(aims, Statement.Kind.AIM) == ["Raise attainment", "Share training"]


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_others_get_403_and_nothing_changes(request, persona, aims):
    client = request.getfixturevalue(persona)
    assert client.get(url(aims)).status_code == 403
    assert client.post(url(aims), valid_post(aims)).status_code == 403
    aims.refresh_from_db()
    assert aims.description == ""
    assert texts(aims, Statement.Kind.AIM) == ["Raise attainment", "Share training"]


def test_anonymous_is_sent_to_sign_in(anonymous, aims):
    response = anonymous.post(url(aims), valid_post(aims))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert texts(aims, Statement.Kind.AIM) == ["Raise attainment", "Share training"]


def test_wrong_method_is_refused(coordinator, aims):
    assert coordinator.delete(url(aims)).status_code == 405


def test_edit_button_shows_for_coordinators_only(coordinator, staff, partnership):
    assert "Edit the page" in coordinator.get(partnership.get_absolute_url()).content.decode()
    assert "Edit the page" not in staff.get(partnership.get_absolute_url()).content.decode()
