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


# Meetings --------------------------------------------------------------------------------------


@pytest.fixture
def meeting(partnership, school, group):
    """The SEND network's next meeting, hosted by `school`, in ten days."""
    starts = timezone.now() + datetime.timedelta(days=10)
    return EventFactory(
        title="SEND network meeting",
        kind=EventKind.NETWORK_MEETING,
        partnership=partnership,
        network_group=group,
        host_school=school,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


@pytest.fixture
def held(meeting):
    """`meeting`, moved to last week: it has taken place."""
    meeting.starts_at = timezone.now() - datetime.timedelta(days=7)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    return meeting


@pytest.fixture
def meeting_chair(meeting, school):
    """A signed-in client for the meeting's chair (a member of staff at `school`)."""
    from tests.conftest import sign_in

    client = sign_in(PersonFactory(school=school, job_title="Assistant head"))
    meeting.chair = client.person
    meeting.save(update_fields=["chair"])
    return client


@pytest.fixture
def minute_taker(meeting, school):
    from tests.conftest import sign_in

    client = sign_in(PersonFactory(school=school, job_title="Office manager"))
    meeting.minute_taker = client.person
    meeting.save(update_fields=["minute_taker"])
    return client
