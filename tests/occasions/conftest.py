"""Four cluster meetings of `partnership` on one evening, held as one occasion."""

import datetime

import pytest
from django.utils import timezone

from events.models import Attendance, Occasion
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
)


def evening(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(18, 0), timezone.get_current_timezone())


@pytest.fixture
def hosts(partnership, school):
    others = []
    for name in ("Castlegate Primary", "Dunmore Primary", "Elmbank Primary"):
        host = SchoolFactory(name=name)
        MembershipFactory(school=host, partnership=partnership)
        others.append(host)
    return [school, *others]


@pytest.fixture
def clusters(partnership, hosts):
    return [
        NetworkGroupFactory(partnership=partnership, name=f"Cluster {n}", slug=f"cluster-{n}")
        for n in "ABCD"
    ]


@pytest.fixture
def occasion(partnership, hosts, clusters):
    """Held last week, with roll calls taken at two of its meetings."""
    held = Occasion.objects.create(title="Town-wide writing evening", partnership=partnership)
    starts = evening(-7)
    meetings = [
        EventFactory(
            title=f"Writing: {group.name}",
            network_group=group,
            partnership=partnership,
            host_school=host,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            occasion=held,
        )
        for group, host in zip(clusters, hosts, strict=True)
    ]
    for meeting, host in zip(meetings[:2], hosts[:2], strict=True):
        for status in ("attended", "attended", "apologies", "absent"):
            Attendance.objects.create(
                event=meeting, person=PersonFactory(school=host), school=host, status=status
            )
    return held
