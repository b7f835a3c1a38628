"""The meeting services' own rules, whichever page calls them."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.meetings import (
    attendance_record,
    carried_actions,
    event_call_off,
    expected_people,
    minutes_publish,
    rsvp_answer,
)
from events.models import EventKind, Rsvp
from events.services import EventError
from tests.factories import (
    EventFactory,
    MembershipFactory,
    MinuteActionFactory,
    PersonFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


def test_a_partnership_meeting_expects_the_heads_of_its_current_member_schools(partnership):
    current, former = SchoolFactory(), SchoolFactory()
    for school in (current, former):
        school.headteacher = PersonFactory(school=school)
        school.save()
    MembershipFactory(school=current, partnership=partnership)
    MembershipFactory(
        school=former,
        partnership=partnership,
        joined_on=datetime.date(2019, 1, 1),
        left_on=datetime.date(2020, 1, 1),
    )
    answered = PersonFactory()
    meeting = EventFactory(partnership=partnership, kind=EventKind.NETWORK_MEETING)
    Rsvp.objects.create(event=meeting, person=answered, answer="apologies", reason="Ill")
    people = {p.pk: p for p in expected_people(meeting)}
    assert set(people) == {current.headteacher_id, answered.pk}
    assert (people[answered.pk].answer, people[answered.pk].reason) == ("apologies", "Ill")


def test_an_event_with_places_takes_registrations_not_answers():
    conference = EventFactory(kind=EventKind.CONFERENCE)
    with pytest.raises(EventError) as error:
        rsvp_answer(event=conference, person=PersonFactory(), answer="going")
    assert error.value.code == "not_meeting"


def test_a_cancelled_meeting_has_no_roll_call_and_no_minutes():
    past = timezone.now() - datetime.timedelta(days=1)
    meeting = EventFactory(starts_at=past, cancelled_at=past)
    with pytest.raises(EventError):
        attendance_record(event=meeting, user=AnonymousUser(), marks={})
    with pytest.raises(EventError):
        minutes_publish(event=meeting, user=AnonymousUser())
    with pytest.raises(EventError) as error:
        event_call_off(event=meeting, user=AnonymousUser(), reason="Again")
    assert error.value.code in {"cancelled", "past"}


def test_actions_are_carried_only_within_the_same_group_and_from_earlier_meetings(group):
    past = timezone.now() - datetime.timedelta(days=40)
    earlier = EventFactory(network_group=group, starts_at=past, minutes_published_at=past)
    draft = EventFactory(network_group=group, starts_at=past)
    carried = MinuteActionFactory(event=earlier)
    MinuteActionFactory(event=earlier, status="done")
    MinuteActionFactory(event=draft)  # minutes not published: not carried
    MinuteActionFactory(event=EventFactory(starts_at=past, minutes_published_at=past))
    upcoming = EventFactory(network_group=group)
    assert list(carried_actions(upcoming)) == [carried]
    assert list(carried_actions(earlier)) == []
