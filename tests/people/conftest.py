"""Helpers for the people tests: sign in as any person, and a person whose contacts we watch."""

import pytest
from django.test import Client

from people.models import ContactVisibility
from tests.factories import PersonFactory, UserFactory

TARGET_EMAIL = "robin.target@example.org"
TARGET_PHONE_NATIONAL = "020 7946 0999"
TARGET_PHONE_E164 = "+442079460999"


def sign_in(person=None, *, admin: bool = False) -> Client:
    """A client signed in as `person` (or as an account without a profile when None)."""
    user = UserFactory()
    if admin:
        user.is_staff = user.is_superuser = True
        user.save()
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    client.user = user
    client.person = person
    return client


@pytest.fixture
def target(school):
    """A member of staff at `school` whose e-mail and telephone the privacy tests look for."""
    return PersonFactory(
        school=school,
        first_name="Robin",
        last_name="Target",
        email=TARGET_EMAIL,
        telephone=TARGET_PHONE_NATIONAL,
        contact_visibility=ContactVisibility.ALLIANCE,
    )
