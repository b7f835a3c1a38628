"""Events seen by the personas: `event` belongs to `partnership` (coordinated by the
`coordinator` persona) and is hosted by `school`."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventKind
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory


@pytest.fixture
def group(partnership):
    return NetworkGroupFactory(partnership=partnership, name="SEND network", slug="send-network")


@pytest.fixture
def event(partnership, school):
    return EventFactory(
        title="Maths network meeting",
        # An event with places (a meeting is answered instead: see `meeting`).
        kind=EventKind.CPD,
        partnership=partnership,
        host_school=school,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        capacity=20,
    )


@pytest.fixture
def group_chair(group):
    """A signed-in client for the chair of `group` (who coordinates nothing else)."""
    from tests.conftest import sign_in

    client = sign_in(PersonFactory(job_title="SENCo"))
    group.chair = client.person
    group.save(update_fields=["chair"])
    return client
