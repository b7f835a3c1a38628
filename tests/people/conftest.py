"""The people tests' person whose contacts the privacy tests watch."""

import pytest

from people.models import ContactVisibility
from tests.factories import PersonFactory

TARGET_EMAIL = "robin.target@example.org"
TARGET_PHONE_NATIONAL = "020 7946 0999"
TARGET_PHONE_E164 = "+442079460999"


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
