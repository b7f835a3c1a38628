"""A meeting of `partnership`'s maths group whose member schools are asked for a
contribution: `school` (the personas' school) and a second member school."""

import datetime

import pytest
from django.utils import timezone

from programme.models import ContributionRequest
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
)


@pytest.fixture
def meeting(partnership):
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    return EventFactory(network_group=group, partnership=partnership, title="Maths cluster")


@pytest.fixture
def second_school(partnership):
    second = SchoolFactory(name="Castlegate Primary School", slug="castlegate")
    MembershipFactory(school=second, partnership=partnership)
    return second


@pytest.fixture
def asked(meeting, second_school):
    return ContributionRequest.objects.create(
        event=meeting,
        prompt="One five-minute presentation per school.",
        minutes_each=5,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )


@pytest.fixture
def teacher(school):
    return PersonFactory(school=school, first_name="Imani", last_name="Quayle")
