"""Saving a planned series: all meetings or none, review-day visitors registered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import Event, EventKind, Registration
from events.services import EventError, SeriesRow, event_series_create
from tests.factories import PartnershipFactory, PersonFactory, SchoolFactory, UserFactory


def row(days: int, *, hours: int = 2, **extra) -> SeriesRow:
    start = timezone.now() + datetime.timedelta(days=days)
    return SeriesRow(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        host_school_id=extra.pop("host", None),
        chair_id=None,
        minute_taker_id=None,
        **extra,
    )


def create(rows, kind=EventKind.NETWORK_MEETING, partnership=None):
    return event_series_create(
        rows=rows,
        title="Heads' meeting",
        kind=kind,
        partnership_id=(partnership or PartnershipFactory()).pk,
        network_group_id=None,
        capacity=None,
        is_published=True,
        user=UserFactory(),
    )


@pytest.mark.django_db
def test_a_series_is_saved_numbered():
    events = create([row(7), row(49)])
    assert [e.title for e in events] == ["Heads' meeting (1 of 2)", "Heads' meeting (2 of 2)"]


@pytest.mark.django_db
def test_a_bad_row_saves_nothing():
    with pytest.raises(ValidationError):
        create([row(7), row(49, hours=-1)])
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_an_empty_series_is_refused():
    with pytest.raises(EventError) as error:
        create([])
    assert error.value.code == "empty_series"


@pytest.mark.django_db
def test_review_day_visitors_are_registered():
    host = SchoolFactory()
    visitors = PersonFactory.create_batch(2)
    (event,) = create(
        [row(7, host=host.pk, visitor_ids=[p.pk for p in visitors])], kind=EventKind.REVIEW_DAY
    )
    assert set(Registration.objects.filter(event=event).values_list("person", flat=True)) == {
        p.pk for p in visitors
    }
