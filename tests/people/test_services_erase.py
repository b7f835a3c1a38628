"""GDPR erasure removes a person's personal data and keeps the row everything else points at."""

import datetime
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events.models import Registration
from people.models import ContactVisibility, RoleType
from people.services import ERASED_NAME, PeopleError, person_erase
from tests.conftest import sign_in
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    RegistrationFactory,
    RoleAssignmentFactory,
    UserFactory,
)


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    return SimpleUploadedFile("face.png", out.getvalue())


@pytest.fixture
def leaver(school):
    person = PersonFactory(
        school=school,
        first_name="Lee",
        last_name="Leaver",
        preferred_name="Lee-Ann",
        pronouns="she/her",
        job_title="Maths lead",
        email="lee.leaver@example.org",
        telephone="07700 900555",
        bio="Loves fractions.",
        expertise="Bar models",
    )
    person.photo.save("face.png", png())
    return person


def test_erasure_removes_personal_data_and_keeps_the_row(
    leaver, admin, django_capture_on_commit_callbacks
):
    photo_path = leaver.photo.path
    user = UserFactory(email="lee.leaver@example.org")
    leaver.user = user
    leaver.save()

    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=leaver, by=admin.user)

    leaver.refresh_from_db()
    assert leaver.display_name == ERASED_NAME == str(leaver)
    assert leaver.first_name == ERASED_NAME
    for field in ("last_name", "preferred_name", "pronouns", "job_title", "email", "bio"):
        assert getattr(leaver, field) == "", field
    assert not leaver.telephone
    assert leaver.expertise == ""
    assert not leaver.photo
    assert not os.path.exists(photo_path)
    assert leaver.contact_visibility == ContactVisibility.ADMINS
    assert leaver.erased_at is not None
    assert leaver.user is None
    user.refresh_from_db()
    assert not user.is_active
    assert "lee.leaver" not in user.email
    assert not user.has_usable_password()


def test_events_and_registrations_still_render_after_erasure(leaver, admin, staff):
    past = EventFactory(
        title="SEND network meeting",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
        chair=leaver,
        minute_taker=leaver,
        minutes="Actions agreed.",
    )
    coming = EventFactory(title="Maths network meeting")
    attended = RegistrationFactory(event=past, person=leaver)
    booked = RegistrationFactory(event=coming, person=leaver)

    person_erase(person=leaver, by=admin.user)

    response = staff.get(past.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<dt>Chair</dt><dd>Former member of staff</dd>" in html
    assert "Lee" not in html and "Leaver" not in html
    attended.refresh_from_db()
    assert attended.status == Registration.Status.CONFIRMED
    booked.refresh_from_db()
    assert booked.status == Registration.Status.CANCELLED
    assert str(attended) == f"Former member of staff at {past}"
    assert staff.get(coming.get_absolute_url()).status_code == 200


def test_erased_person_page_keeps_working_and_shows_nothing_personal(leaver, admin, staff):
    person_erase(person=leaver, by=admin.user)
    response = staff.get(leaver.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Former member of staff" in html
    assert "personal data was erased" in html
    for personal in ("Leaver", "fractions", "Bar models", "lee.leaver", "07700 900555"):
        assert personal not in html


def test_erasure_ends_roles_and_keeps_them_as_history(leaver, admin):
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    current = RoleAssignmentFactory(person=leaver, role_type=sle)
    past = RoleAssignmentFactory(person=leaver, role_type=sle, ends_on=datetime.date(2022, 7, 20))
    upcoming = RoleAssignmentFactory(
        person=leaver,
        role_type=sle,
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    person_erase(person=leaver, by=admin.user)
    current.refresh_from_db()
    past.refresh_from_db()
    assert current.ends_on == timezone.localdate()
    assert past.ends_on == datetime.date(2022, 7, 20)
    assert not leaver.role_assignments.filter(pk=upcoming.pk).exists()


def test_erasure_removes_standing_positions(leaver, admin, school, partnership):
    school.headteacher = leaver
    school.save()
    school.editors.add(leaver)
    membership = partnership.memberships.get(school=school)
    membership.coordinator = leaver
    membership.save()
    group = NetworkGroupFactory(partnership=partnership, chair=leaver)
    group.members.add(leaver)
    MembershipFactory(school=school)

    person_erase(person=leaver, by=admin.user)

    school.refresh_from_db()
    membership.refresh_from_db()
    group.refresh_from_db()
    assert school.headteacher is None
    assert not school.editors.exists()
    assert membership.coordinator is None
    assert group.chair is None
    assert not group.members.exists()


def test_erased_account_can_no_longer_sign_in(leaver, admin):
    client = sign_in(leaver)
    assert client.get("/people/").status_code == 200
    person_erase(person=leaver, by=admin.user)
    response = client.get("/people/")
    assert response.status_code == 302


def test_erasing_twice_is_refused(leaver, admin):
    person_erase(person=leaver, by=admin.user)
    with pytest.raises(PeopleError) as error:
        person_erase(person=leaver, by=admin.user)
    assert error.value.code == "already_erased"
