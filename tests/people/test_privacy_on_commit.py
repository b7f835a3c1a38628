"""A privacy or rights change is honoured on every page from the moment it commits, even for
requests that ran while it was still inside its transaction (nothing rendered for one viewer
is stored for another). Run on PostgreSQL, with the change held open on a second connection.
"""

import threading

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict

from partnerships.models import Membership
from partnerships.services import membership_save
from people.forms import PROFILE_FIELDS, PersonForm
from people.models import ContactVisibility, Person
from people.services import person_save_profile
from tests.conftest import sign_in
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two connections and a held transaction: PostgreSQL (CI runs it)",
    ),
]

EMAIL = "rowan.hidewell@example.org"


def _held_open(change) -> tuple[threading.Thread, threading.Event, threading.Event, list]:
    """Run `change()` in a transaction on a second connection, and hold it open between
    `changed` (set once the rows are written) and `release`."""
    changed, release, errors = threading.Event(), threading.Event(), []

    def run() -> None:
        try:
            with transaction.atomic():
                change()
                changed.set()
                assert release.wait(timeout=30)
        except Exception as error:  # reported by the test, not lost in the thread
            errors.append(error)
            changed.set()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert changed.wait(timeout=30)
    return thread, release, errors, []


def _pages(person: Person) -> dict[str, str]:
    return {
        "directory": f"/people/?q={person.last_name}",
        "person page": person.get_absolute_url(),
        "search": f"/search/?q={person.first_name}+{person.last_name}",
        "export": f"/people/export.csv?q={person.last_name}",
        "vcard": f"/people/{person.pk}/vcard.vcf",
    }


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_hidden_contacts_are_shown_to_no_member_once_the_save_commits(school, other_school):
    person = PersonFactory(
        school=school,
        first_name="Rowan",
        last_name="Hidewell",
        email=EMAIL,
        telephone="+442079460123",
        contact_visibility=ContactVisibility.ALLIANCE,
    )
    owner = sign_in(person)
    colleague = sign_in(PersonFactory(school=school))
    elsewhere = sign_in(PersonFactory(school=other_school))
    no_profile = sign_in(PersonFactory())
    Person.objects.filter(user=no_profile.user).update(user=None)
    viewers = {"colleague": colleague, "member elsewhere": elsewhere, "no profile": no_profile}
    for name, client in viewers.items():  # the contacts are shown to all while they allow it
        assert EMAIL in _body(client.get(_pages(person)["directory"])), name

    def hide() -> None:
        data = model_to_dict(person, fields=[f for f in PROFILE_FIELDS if f != "photo"])
        data["contact_visibility"] = ContactVisibility.ADMINS
        form = PersonForm(data=data, instance=Person.objects.get(pk=person.pk))
        assert form.is_valid(), form.errors
        person_save_profile(form=form, by=owner.user)

    thread, release, errors, _ = _held_open(hide)
    try:
        # While the change is uncommitted, members are served (and so could store) the old rows.
        during = {
            (name, page): _body(client.get(url))
            for name, client in viewers.items()
            for page, url in _pages(person).items()
        }
        assert EMAIL in during[("colleague", "directory")]
    finally:
        release.set()
        thread.join(timeout=30)
    assert not errors
    assert Person.objects.get(pk=person.pk).contact_visibility == ContactVisibility.ADMINS

    for name, client in viewers.items():
        for page, url in _pages(person).items():
            response = client.get(url)
            assert response.status_code == 200, (name, page)
            body = _body(response)
            assert EMAIL not in body, (name, page)
            assert "7946 0123" not in body and "79460123" not in body, (name, page)
    # The person still sees their own.
    assert EMAIL in _body(owner.get(person.get_absolute_url()))


def test_a_coordinator_who_loses_the_role_loses_its_rights_once_the_change_commits(
    coordinator, partnership, school
):
    edit_url = f"{partnership.get_absolute_url()}edit/"
    assert coordinator.get(edit_url).status_code == 200
    assert "Edit the page" in _body(coordinator.get(partnership.get_absolute_url()))

    def step_down() -> None:
        membership = Membership.objects.get(partnership=partnership, school=school)
        membership.coordinator = None
        membership_save(membership=membership)

    thread, release, errors, _ = _held_open(step_down)
    try:
        during = coordinator.get(partnership.get_absolute_url())
        assert "Edit the page" in _body(during)  # the change is not committed yet
    finally:
        release.set()
        thread.join(timeout=30)
    assert not errors

    page = _body(coordinator.get(partnership.get_absolute_url()))
    assert "Edit the page" not in page
    assert coordinator.get(edit_url).status_code == 403
    # And another member, who never had the role, never saw the coordinator's page.
    other = sign_in(PersonFactory(school=school))
    assert "Edit the page" not in _body(other.get(partnership.get_absolute_url()))
