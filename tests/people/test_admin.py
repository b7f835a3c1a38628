"""Django admin for people: every field editable, no nameless person, removal is erasure."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Person
from people.services import ERASED_NAME, person_erase
from tests.factories import PersonFactory, RoleAssignmentFactory

PROFILE_INPUTS = [
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "job_title",
    "school",
    "organisation",
    "email",
    "telephone",
    "contact_visibility",
    "bio",
    "expertise",
    "photo",
    "user",
]


def admin_post(person: Person | None = None, **changes) -> dict:
    """What the change form posts, with `changes` on top."""
    data = {
        "first_name": person.first_name if person else "",
        "last_name": person.last_name if person else "",
        "preferred_name": "",
        "pronouns": "",
        "job_title": person.job_title if person else "",
        "school": str(person.school_id or "") if person else "",
        "organisation": "",
        "email": person.email if person else "",
        "telephone": "",
        "contact_visibility": "alliance",
        "bio": "",
        "expertise": "",
        "user": str(person.user_id or "") if person else "",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_admin_change_page_edits_every_profile_field(admin, school):
    person = PersonFactory(school=school)
    response = admin.get(f"/admin/people/person/{person.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(PROFILE_INPUTS) <= set(form.fields)
    html = response.content.decode()
    for name in PROFILE_INPUTS:
        assert f'name="{name}"' in html, name
    assert [title for title, _ in response.context["adminform"].fieldsets] == [
        None,
        "Work",
        "Contact",
        "Profile",
        "Account",
        "Record",
    ]


def test_admin_saves_a_changed_name_and_job(admin, school):
    person = PersonFactory(school=school, first_name="Ada", last_name="Lane")
    response = admin.post(
        f"/admin/people/person/{person.pk}/change/",
        admin_post(person, first_name="Adela", job_title="Deputy headteacher"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert (person.first_name, person.job_title) == ("Adela", "Deputy headteacher")


def test_admin_cannot_add_a_nameless_person(admin):
    before = Person.objects.count()
    response = admin.post("/admin/people/person/add/", admin_post(email="new@example.org"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"first_name", "last_name"}
    assert Person.objects.count() == before


def test_admin_adds_a_named_person(admin, school):
    response = admin.post(
        "/admin/people/person/add/",
        admin_post(first_name="Noor", last_name="Hale", school=str(school.pk)),
    )
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Noor", last_name="Hale", school=school).exists()


@pytest.mark.parametrize(("first", "last"), [("", ""), ("Noor", ""), ("", "Hale"), ("  ", "Hale")])
def test_a_person_without_a_name_cannot_be_saved_anywhere(db, first, last):
    person = PersonFactory.build(school=None, first_name=first, last_name=last)
    with pytest.raises(ValidationError):
        person.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()


def test_the_erased_row_keeps_no_last_name(db, school):
    person = PersonFactory(school=school)
    person_erase(person=person, by=None)
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == (ERASED_NAME, "")
    person.validate_constraints()  # person_named lets the anonymised row through.
    person.save()


def test_admin_delete_link_erases_instead_of_deleting(admin, school):
    person = PersonFactory(school=school, first_name="Lou", last_name="Reyes")
    RoleAssignmentFactory(person=person)
    change = admin.get(f"/admin/people/person/{person.pk}/change/").content.decode()
    assert f'href="/admin/people/person/{person.pk}/delete/"' in change
    confirm = admin.get(f"/admin/people/person/{person.pk}/delete/")
    assert confirm.status_code == 200
    assert "Lou Reyes" in confirm.content.decode()
    assert "Yes, erase their personal data" in confirm.content.decode()
    response = admin.post(f"/admin/people/person/{person.pk}/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    person.refresh_from_db()  # The row is kept: events and minutes still point at it.
    assert person.erased_at is not None
    assert person.first_name == ERASED_NAME and person.role_assignments.exists()


def test_admin_cannot_erase_an_erased_person_again(admin, school):
    person = PersonFactory(school=school)
    person_erase(person=person, by=None)
    assert admin.post(f"/admin/people/person/{person.pk}/delete/").status_code == 403


def test_admin_list_offers_erasure_not_bulk_delete(admin, school):
    PersonFactory(school=school)
    response = admin.get("/admin/people/person/")
    html = response.content.decode()
    assert 'value="erase_personal_data"' in html
    assert 'value="delete_selected"' not in html


def test_staff_cannot_reach_the_person_admin(staff, school):
    person = PersonFactory(school=school)
    assert staff.get(f"/admin/people/person/{person.pk}/delete/").status_code == 302
