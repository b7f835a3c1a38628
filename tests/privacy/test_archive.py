"""Subject access: the archive holds every row that names the person, and nothing the person
could not see (other people's contacts, secrets).

"Every row that names them" is found here independently of the registry: every row of every
model with a key to the person or their account, and every row with their name, address or
number in a text or JSON column.
"""

from __future__ import annotations

import io
import json
import zipfile

from django.apps import apps
from django.conf import settings
from django.db import models

from accounts.models import SecurityEvent, SecurityEventKind
from people.models import Person, RoleType
from privacy.archive import archive_tables
from tests.factories import RegistrationFactory
from tests.privacy.conftest import COLLEAGUE_EMAIL, COLLEAGUE_PHONE, EMAIL, TRACES

PHONE_DIGITS = COLLEAGUE_PHONE.replace(" ", "")[1:]  # 2079460456, however it is formatted


def rows_naming(person: Person) -> set[tuple[str, object]]:
    """(model label, pk) of every row that points at the person or their account, or whose
    text holds one of their traces. Sessions are not rows about anyone until decoded."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_models():
        if model._meta.label == "sessions.Session":
            continue
        for row in model._default_manager.all():
            if row.pk == person.pk and model is Person:
                found.add((model._meta.label, row.pk))
            for field in model._meta.get_fields():
                if not field.concrete:
                    continue
                if isinstance(field, models.ManyToManyField):
                    target = {Person: person.pk, user_model: person.user_id}.get(
                        field.related_model
                    )
                    if target and getattr(row, field.name).filter(pk=target).exists():
                        found.add((model._meta.label, row.pk))
                elif field.is_relation and field.related_model is Person:
                    if getattr(row, field.attname) == person.pk:
                        found.add((model._meta.label, row.pk))
                elif field.is_relation and field.related_model is user_model:
                    if getattr(row, field.attname) == person.user_id:
                        found.add((model._meta.label, row.pk))
                elif isinstance(field, models.CharField | models.TextField | models.JSONField):
                    text = json.dumps(getattr(row, field.attname), default=str).lower()
                    if any(trace.lower() in text for trace in TRACES):
                        found.add((model._meta.label, row.pk))
    return found


def archived(tables) -> set[tuple[str, object]]:
    return {(row["table"], row["id"]) for rows in tables.values() for row in rows if "table" in row}


# Derived copies, rebuilt from the rows above: the archive need not list them.
DERIVED = {"search.SearchDocument", "search.SearchWord", "accounts.User"}


def test_the_archive_holds_every_row_that_names_the_person(subject):
    expected = {key for key in rows_naming(subject.person) if key[0] not in DERIVED}
    missing = expected - archived(archive_tables(subject.person))
    assert missing == set()


def test_the_archive_holds_their_data_table_by_table(subject):
    tables = archive_tables(subject.person)
    assert tables["profile"][0]["email"] == EMAIL
    maths = RoleType.objects.get(name="Maths specialist")
    assert [r["role_type_id"] for r in tables["roles"]] == [maths.pk]
    assert len(tables["registrations"]) == 1
    assert [a["answer"] for a in tables["poll answers"]] == ["yes"]
    assert [a["provider"] for a in tables["linked sign-in accounts"]] == ["microsoft"]
    assert [g["name"] for g in tables["network groups chaired"]] == ["Maths network"]
    assert tables["notifications"][0]["body_text"].startswith("Dear Quillon Zephyrine")
    assert {r["email"] for r in tables["sign-in e-mail addresses"]} == {
        EMAIL,
        "q.zephyrine@example.net",
    }
    assert [e["kind"] for e in tables["security events"]] == [SecurityEventKind.SIGN_IN]
    assert len(tables["sign-ins refused for their addresses"]) == 1
    assert any(r["job_title"] == "Maths lead" for r in tables["profile history"])
    assert {m["table"] for m in tables["mentions"]} >= {"events.Event", "admin.LogEntry"}


def test_the_archive_holds_nothing_the_person_could_not_see(subject, head):
    """A colleague who shows contacts to admins only: their address and number are nowhere
    in the archive, though the colleague is named in the same meeting and minutes; nor any
    secret (password hash, session, token)."""
    text = json.dumps(archive_tables(subject.person), default=str)
    assert COLLEAGUE_EMAIL not in text
    assert PHONE_DIGITS not in text.replace(" ", "")
    assert subject.person.user.password not in text
    assert "pbkdf2" not in text and "argon2" not in text
    assert '"token' not in text and '"session' not in text


def test_a_change_made_to_someone_else_is_a_fact_without_its_content(subject, head):
    """The head edits the person's profile: in the head's own archive that is a dated fact,
    never the person's profile or contacts."""
    from tests.people.test_views_edit import form_data

    head.post(f"/people/{subject.person.pk}/edit/", form_data(subject.person, pronouns="they"))
    tables = archive_tables(head.person)
    text = json.dumps(tables, default=str)
    assert EMAIL not in text and "Zephyrine" not in text
    assert {row["table"] for row in tables["changes made"]} == {"people.HistoricalPerson"}


def test_download_is_a_zip_of_json_and_csv(subject):
    response = subject.client.get(f"/people/{subject.person.pk}/archive.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"README.txt", "archive.json", "profile.csv", "registrations.csv"} <= names
    assert json.loads(archive.read("archive.json"))["profile"][0]["email"] == EMAIL
    assert archive.read("profile.csv").decode("utf-8-sig").startswith("table,id,")
    logged = SecurityEvent.objects.get(kind=SecurityEventKind.SUBJECT_ACCESS)
    assert logged.details["person"] == subject.person.pk


def test_an_admin_may_download_it_for_them(subject, admin):
    assert admin.get(f"/people/{subject.person.pk}/archive.zip").status_code == 200


def test_nobody_else_may_download_it(subject, head, staff, anonymous):
    url = f"/people/{subject.person.pk}/archive.zip"
    assert head.get(url).status_code == 403
    assert staff.get(url).status_code == 403
    assert anonymous.get(url).status_code == 302
    assert subject.client.post(url).status_code == 405
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.SUBJECT_ACCESS).exists()


def test_the_download_costs_the_same_queries_with_more_rows(subject, django_assert_num_queries):
    """A query or two per table that names people, never one per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/people/{subject.person.pk}/archive.zip"
    with CaptureQueriesContext(connection) as first:
        subject.client.get(url)
    for _ in range(5):
        RegistrationFactory(person=subject.person)
    with django_assert_num_queries(len(first)):
        subject.client.get(url)


def test_the_person_and_admins_find_the_download_on_the_profile(subject, admin, head):
    url = f"/people/{subject.person.pk}/"
    link = f'href="/people/{subject.person.pk}/archive.zip"'
    assert link in subject.client.get(url).content.decode()
    assert link in admin.get(url).content.decode()
    assert link not in head.get(url).content.decode()
