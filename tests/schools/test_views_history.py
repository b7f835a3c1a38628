"""A school's history: who changed what and when, for its editors and admins only."""

import pytest

from schools.models import School
from tests.factories import PersonFactory
from tests.schools.helpers import edit_data


def history_url(school: School) -> str:
    return f"/schools/{school.slug}/history/"


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_editors_and_admins_see_the_history(request, persona, school):
    client = request.getfixturevalue(persona)
    response = client.get(history_url(school))
    assert response.status_code == 200
    assert "<h1>History of Abbeyfield Primary School</h1>" in response.content.decode()


@pytest.mark.parametrize("persona", ["staff", "outsider", "coordinator"])
def test_other_signed_in_users_are_refused_the_history(request, persona, school):
    client = request.getfixturevalue(persona)
    assert client.get(history_url(school)).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(anonymous, school):
    response = anonymous.get(history_url(school))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_history_refuses_post(head, school):
    assert head.post(history_url(school)).status_code == 405


def test_history_shows_who_when_and_each_field_change(head, editor, school):
    head.post(
        f"/schools/{school.slug}/edit/",
        edit_data(school, town="Northbridge", phase="secondary", ethos="Kind and curious."),
    )
    response = editor.get(history_url(school))
    html = response.content.decode()
    latest = response.context["entries"][0]
    assert latest.who == head.person.display_name
    assert latest.role == "the headteacher"
    assert latest.kind == "Changed"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("Phase", "Primary", "Secondary"),
        ("Town", "Testbridge", "Northbridge"),
        ("Ethos", "(empty)", "Kind and curious."),
    ]
    assert f"changed by {head.person.display_name} (the headteacher)" in html
    assert '<th scope="row">Town</th><td>Testbridge</td><td>Northbridge</td>' in html


def test_history_records_editor_appointments_in_the_same_entry(head, school):
    teacher = PersonFactory(school=school, first_name="Tess", last_name="Teacher")
    before = school.history.count()
    head.post(
        f"/schools/{school.slug}/edit/",
        edit_data(school, editors=[str(teacher.pk)], town="Northbridge"),
    )
    assert school.history.count() == before + 1
    latest = head.get(history_url(school)).context["entries"][0]
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("Town", "Testbridge", "Northbridge"),
        ("Editors", "(nobody)", "Tess Teacher"),
    ]


def test_history_queries_do_not_grow_with_versions(head, school, django_assert_num_queries):
    """Prevents an N+1 on each version's previous version, author and editors: session, user
    with their profile, school, count, the page's versions and the one before, their editors."""
    with django_assert_num_queries(6):
        response = head.get(history_url(school))
    assert len(response.context["entries"]) == 2  # created, then the head appointed
    for number in range(18):
        head.post(f"/schools/{school.slug}/edit/", edit_data(school, capacity=str(100 + number)))
    with django_assert_num_queries(6):
        response = head.get(history_url(school))
    assert len(response.context["entries"]) == 20
    assert all(entry.changes for entry in response.context["entries"])
