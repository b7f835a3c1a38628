"""Erasing a person's data from the portal and from Django admin: alliance admins only."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from tests.factories import PersonFactory


@pytest.fixture
def leaver(school):
    return PersonFactory(school=school, first_name="Lee", last_name="Leaver")


def test_admin_confirms_then_erases(admin, leaver):
    url = f"/people/{leaver.pk}/erase/"
    page = admin.get(url)
    assert page.status_code == 200
    assert "This cannot be undone" in page.content.decode()
    leaver.refresh_from_db()
    assert leaver.erased_at is None  # looking at the page erases nothing

    response = admin.post(url)
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    leaver.refresh_from_db()
    assert leaver.erased_at is not None
    page = admin.get("/people/").content.decode()
    assert "Lee Leaver&#x27;s personal data was erased." in page


@pytest.mark.parametrize("persona", ["staff", "head", "editor", "coordinator", "outsider"])
def test_only_admins_may_erase(request, persona, leaver):
    client = request.getfixturevalue(persona)
    assert client.get(f"/people/{leaver.pk}/erase/").status_code == 403
    assert client.post(f"/people/{leaver.pk}/erase/").status_code == 403
    leaver.refresh_from_db()
    assert leaver.erased_at is None and leaver.last_name == "Leaver"


def test_anonymous_is_sent_to_sign_in(anonymous, leaver):
    response = anonymous.post(f"/people/{leaver.pk}/erase/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    leaver.refresh_from_db()
    assert leaver.erased_at is None


def test_wrong_method_is_refused(admin, leaver):
    assert admin.put(f"/people/{leaver.pk}/erase/").status_code == 405
    leaver.refresh_from_db()
    assert leaver.erased_at is None


def test_an_erased_person_cannot_be_erased_or_edited_again(admin, leaver):
    admin.post(f"/people/{leaver.pk}/erase/")
    assert admin.post(f"/people/{leaver.pk}/erase/").status_code == 403
    assert admin.get(f"/people/{leaver.pk}/edit/").status_code == 404


def test_admin_action_asks_then_erases(admin, leaver, school):
    keeper = PersonFactory(school=school, last_name="Keeper")
    data = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [leaver.pk]}
    page = admin.post("/admin/people/person/", data)
    assert page.status_code == 200
    assert "Yes, erase their personal data" in page.content.decode()
    leaver.refresh_from_db()
    assert leaver.erased_at is None

    response = admin.post("/admin/people/person/", {**data, "confirm": "yes"})
    assert response.status_code == 302
    leaver.refresh_from_db()
    keeper.refresh_from_db()
    assert leaver.erased_at is not None
    assert keeper.erased_at is None


def test_admin_delete_page_asks_to_erase_not_to_delete(admin, leaver):
    # Deleting would take registrations with it; erasure is the way to remove a person.
    response = admin.get(f"/admin/people/person/{leaver.pk}/delete/")
    assert response.status_code == 200
    assert "Yes, erase their personal data" in response.content.decode()
    assert admin.get(f"/admin/people/person/{leaver.pk}/change/").status_code == 200
