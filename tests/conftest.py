"""Test settings and the personas every test speaks through.

Personas: anonymous, staff (a member of staff at `school`), head (its headteacher), editor
(an editor it appointed), coordinator (coordinator of `partnership`, which `school` belongs to),
outsider (staff at another school) and admin (an alliance admin).
"""

import pytest
from django.test import Client

from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Serve static files from the source folders: tests never run collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _signed_in(person) -> Client:
    user = UserFactory(email=person.email)
    person.user = user
    person.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    client.person = person
    client.user = user
    return client


@pytest.fixture
def school(db):
    return SchoolFactory(name="Abbeyfield Primary School", slug="abbeyfield-primary-school")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Brookside Primary School", slug="brookside-primary-school")


@pytest.fixture
def partnership(db, school):
    partnership = PartnershipFactory(name="Testbridge Alliance", slug="testbridge-alliance")
    MembershipFactory(school=school, partnership=partnership)
    return partnership


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def staff(school) -> Client:
    return _signed_in(PersonFactory(school=school, job_title="Class teacher"))


@pytest.fixture
def head(school) -> Client:
    client = _signed_in(PersonFactory(school=school, job_title="Headteacher"))
    school.headteacher = client.person
    school.save(update_fields=["headteacher"])
    return client


@pytest.fixture
def editor(school) -> Client:
    client = _signed_in(PersonFactory(school=school, job_title="Office manager"))
    school.editors.add(client.person)
    return client


@pytest.fixture
def coordinator(partnership, school) -> Client:
    client = _signed_in(PersonFactory(school=school, job_title="Deputy headteacher"))
    membership = partnership.memberships.get(school=school)
    membership.coordinator = client.person
    membership.save(update_fields=["coordinator"])
    return client


@pytest.fixture
def outsider(other_school) -> Client:
    return _signed_in(PersonFactory(school=other_school, job_title="Class teacher"))


@pytest.fixture
def admin(db) -> Client:
    person = PersonFactory(school=None, job_title="Alliance administrator")
    client = _signed_in(person)
    client.user.is_staff = True
    client.user.is_superuser = True
    client.user.save()
    return client


@pytest.fixture
def chair(partnership, school) -> Client:
    """The chair of the partnership's SEND network (a member of staff at `school`)."""
    from tests.factories import NetworkGroupFactory

    client = _signed_in(PersonFactory(school=school, job_title="SENCo"))
    client.group = NetworkGroupFactory(
        partnership=partnership, name="SEND network", slug="send-network", chair=client.person
    )
    return client
