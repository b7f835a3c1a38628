"""A school's history: who changed what and when, for its editors and admins only."""

import importlib

import pytest
from django.apps import apps as django_apps
from simple_history.utils import bulk_update_with_history

from schools.models import School
from tests.factories import PersonFactory
from tests.schools.helpers import edit_data

# The reason the register import gives its versions (registers.importer.CHANGE_REASON).
IMPORTED = "Imported from the public register (GIAS)"


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
        edit_data(
            school, website="https://north.example", eal_percent="12.5", ethos="Kind and curious."
        ),
    )
    response = editor.get(history_url(school))
    html = response.content.decode()
    latest = response.context["entries"][0]
    assert latest.who == head.person.display_name
    assert latest.role == "the headteacher"
    assert latest.kind == "Changed"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("Website", "(empty)", "https://north.example"),
        ("Pupils with English as an additional language (%)", "(empty)", "12.5"),
        ("Ethos", "(empty)", "Kind and curious."),
    ]
    assert f"changed by {head.person.display_name} (the headteacher)" in html
    assert (
        '<th scope="row">Website</th><td data-label="Before">(empty)</td>'
        '<td data-label="After">https://north.example</td>'
    ) in html


def test_history_records_editor_appointments_in_the_same_entry(head, school):
    teacher = PersonFactory(school=school, first_name="Tess", last_name="Teacher")
    before = school.history.count()
    head.post(
        f"/schools/{school.slug}/edit/",
        edit_data(school, editors=[str(teacher.pk)], ethos="Kind."),
    )
    assert school.history.count() == before + 1
    latest = head.get(history_url(school)).context["entries"][0]
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("Ethos", "(empty)", "Kind."),
        ("Editors", "(nobody)", "Tess Teacher"),
    ]


def test_history_queries_do_not_grow_with_versions(head, school, django_assert_num_queries):
    """Prevents an N+1 on each version's previous version, author and editors: session, user
    with their profile, school, count, the page's versions and the one before, their editors."""
    with django_assert_num_queries(6):
        response = head.get(history_url(school))
    assert len(response.context["entries"]) == 2  # created, then the head appointed
    for number in range(18):
        head.post(f"/schools/{school.slug}/edit/", edit_data(school, eal_percent=str(10 + number)))
    with django_assert_num_queries(6):
        response = head.get(history_url(school))
    assert len(response.context["entries"]) == 20
    assert all(entry.changes for entry in response.context["entries"])


def _register_import_changes(school, **values):
    """What the register import does: a bulk update that writes its versions in bulk."""
    for name, value in values.items():
        setattr(school, name, value)
    bulk_update_with_history([school], School, fields=list(values), default_change_reason=IMPORTED)


def test_history_records_only_what_changed_around_a_register_import(head, school):
    """An import once wrote versions without editors: the history showed the editor removed
    by the import and appointed again by the head's next save, though neither happened."""
    office = PersonFactory(school=school, first_name="Olive", last_name="Office")
    school.editors.add(office)
    _register_import_changes(school, pupils_on_roll=321)
    head.post(f"/schools/{school.slug}/edit/", edit_data(school, ethos="Kind."))
    entries = head.get(history_url(school)).context["entries"]
    changes = [[(c.label, c.old, c.new) for c in entry.changes] for entry in entries[:3]]
    assert changes == [
        [("Ethos", "(empty)", "Kind.")],
        [("Pupils on roll", "(empty)", "321")],
        [("Editors", "(nobody)", "Olive Office")],
    ]


def test_repair_gives_imported_versions_their_editors(school):
    office = PersonFactory(school=school, first_name="Olive", last_name="Office")
    school.editors.add(office)
    # Versions as an import wrote them before: without their editor rows.
    for number in (1, 2):
        _register_import_changes(school, pupils_on_roll=300 + number)
        school.history.first().editors.all().delete()
    school.save()
    migration = importlib.import_module("schools.migrations.0007_editors_of_imported_versions")
    migration.editors_of_imported_versions(django_apps, None)
    versions = list(school.history.order_by("history_date", "history_id"))
    assert [sorted(v.editors.values_list("person_id", flat=True)) for v in versions] == [
        [],  # created
        [office.pk],  # appointed
        [office.pk],  # import 1
        [office.pk],  # import 2
        [office.pk],  # saved
    ]
