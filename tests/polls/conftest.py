"""Polls seen by the personas: `poll` is a meeting poll of `partnership` (which `school`
belongs to and the `coordinator` persona coordinates) on three term-time dates;
`group_poll` is one of the `chair` persona's SEND network."""

import datetime

import pytest
from django.utils import timezone

from events.rota import ENGLAND_HALF_TERMS
from tests.factories import PollFactory, PollOptionFactory


def term_tuesdays(count: int = 3) -> list[datetime.datetime]:
    """`count` Tuesdays at 16:00 in the next half term that starts a fortnight or more from
    today (England's default dates, which apply when no term dates are loaded)."""
    soon = timezone.localdate() + datetime.timedelta(days=14)
    term = next(h for h in ENGLAND_HALF_TERMS if h.first_day >= soon)
    tuesday = term.first_day + datetime.timedelta(days=(1 - term.first_day.weekday()) % 7 + 7)
    return [
        timezone.make_aware(
            datetime.datetime.combine(tuesday + datetime.timedelta(weeks=n), datetime.time(16))
        )
        for n in range(count)
    ]


def label(at: datetime.datetime) -> str:
    """How a date reads on the poll's buttons: "Tue 12 Jan 16:00"."""
    return f"{timezone.localtime(at):%a %-d %b %H:%M}"


@pytest.fixture
def dates() -> list[datetime.datetime]:
    return term_tuesdays(3)


@pytest.fixture
def poll(partnership, coordinator, dates):
    poll = PollFactory(
        partnership=partnership, title="Spring heads meeting", created_by=coordinator.person
    )
    for at in dates:
        PollOptionFactory(poll=poll, starts_at=at)
    return poll


@pytest.fixture
def group_poll(partnership, chair, dates):
    poll = PollFactory(
        partnership=partnership, network_group=chair.group, title="SEND spring meeting"
    )
    for at in dates:
        PollOptionFactory(poll=poll, starts_at=at)
    return poll
