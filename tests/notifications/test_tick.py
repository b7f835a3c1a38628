"""The periodic pass: reminders at the same London clock time 7 days and 1 day before (across
the last Sundays of March and October), minutes to the group and the heads, a place offered
from the waiting list, the weekly digest, and nothing queued twice."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.meetings import minutes_publish, minutes_save
from events.models import Event, Registration
from events.services import registration_cancel, registration_create
from notifications import tick
from notifications.models import Choice, Kind, Message, State
from notifications.services import preferences_save
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def _london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def _utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def _reminders(person) -> list[str]:
    return list(
        Message.objects.filter(person=person, kind=Kind.REMINDER).values_list("subject", flat=True)
    )


@pytest.mark.parametrize(
    ("starts", "days", "due_utc"),
    [
        # Spring forward, Sunday 28 March 2027: 10:00 BST meetings, reminders at 10:00 GMT.
        (_london(2027, 3, 28, 10), 1, _utc(2027, 3, 27, 10)),
        (_london(2027, 3, 30, 10), 7, _utc(2027, 3, 23, 10)),
        # Fall back, Sunday 31 October 2027: 10:00 GMT meetings, reminders at 10:00 BST.
        (_london(2027, 10, 31, 10), 1, _utc(2027, 10, 30, 9)),
        (_london(2027, 11, 2, 10), 7, _utc(2027, 10, 26, 9)),
    ],
)
def test_reminders_go_at_the_meetings_london_clock_time_across_the_clock_change(
    starts, days, due_utc
):
    person = PersonFactory()
    event = EventFactory(title="Moderation", starts_at=starts)
    Registration.objects.create(event=event, person=person)
    assert tick.reminder_due(starts, days) == due_utc
    expected = "Tomorrow: Moderation" if days == 1 else "In a week: Moderation"
    tick.queue_reminders(due_utc - datetime.timedelta(minutes=1))
    assert expected not in _reminders(person)
    tick.queue_reminders(due_utc)
    assert expected in _reminders(person)
    body = Message.objects.get(person=person, subject=expected).body_text
    assert "10:00" in body  # the London clock time, whatever the offset
    count = len(_reminders(person))
    tick.queue_reminders(due_utc + datetime.timedelta(minutes=1))
    assert len(_reminders(person)) == count


def test_reminders_reach_the_group_invited_and_not_those_who_cancelled():
    group = NetworkGroupFactory()
    member, cancelled = PersonFactory(), PersonFactory()
    group.members.add(member)
    event = EventFactory(network_group=group, starts_at=_london(2027, 6, 10, 10))
    Registration.objects.create(event=event, person=cancelled, status=Registration.Status.CANCELLED)
    tick.queue_reminders(_london(2027, 6, 9, 12))
    assert Message.objects.filter(kind=Kind.REMINDER).count() == 1
    assert _reminders(member) == [f"Tomorrow: {event.title}"]


def test_published_minutes_reach_the_group_and_the_heads_of_member_schools_once():
    group = NetworkGroupFactory()
    member = PersonFactory()
    group.members.add(member)
    school = SchoolFactory()
    head = PersonFactory(school=school)
    school.headteacher = head
    school.save()
    MembershipFactory(school=school, partnership=group.partnership)
    former = SchoolFactory()
    former_head = PersonFactory(school=former)
    former.headteacher = former_head
    former.save()
    MembershipFactory(
        school=former,
        partnership=group.partnership,
        joined_on=datetime.date(2019, 1, 1),
        left_on=datetime.date(2020, 1, 1),
    )
    event = EventFactory(network_group=group, starts_at=timezone.now() - datetime.timedelta(days=2))
    tick.run()
    assert not Message.objects.filter(kind=Kind.MINUTES).exists()  # no minutes yet
    minutes_save(event=event, user=AnonymousUser(), minutes="Agreed the moderation dates.")
    tick.run()
    assert not Message.objects.filter(kind=Kind.MINUTES).exists()  # a draft is news to nobody
    minutes_publish(event=event, user=AnonymousUser())
    tick.run()
    tick.run()
    sent = Message.objects.filter(kind=Kind.MINUTES)
    assert sorted(sent.values_list("person_id", flat=True)) == sorted([member.pk, head.pk])
    # The minutes themselves stay behind the sign-in: the e-mail links to them.
    assert "Agreed the moderation dates." not in sent.first().body_text


def test_a_place_offered_from_the_waiting_list_is_announced_to_that_person():
    event = EventFactory(capacity=1, starts_at=timezone.now() + datetime.timedelta(days=30))
    first, waiting = PersonFactory(), PersonFactory()
    registration_create(event=event, person=first)
    registration_create(event=event, person=waiting)
    # The wait lasted a while before the place came free.
    Registration.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    registration_cancel(event=event, person=first)
    tick.run()
    offered = Message.objects.get(kind=Kind.PLACE_OFFERED)
    assert offered.person == waiting
    assert offered.subject == f"You have a place: {event.title}"
    tick.run()
    assert Message.objects.filter(kind=Kind.PLACE_OFFERED).count() == 1


def test_a_place_in_a_session_offered_from_its_waiting_list_is_announced():
    from programme.services import choice_make, choice_withdraw
    from tests.programme.conftest import make_conference, make_session, make_slot, register

    conference = make_conference(days_ahead=30)
    slot = make_slot(conference, hour=10, title="Workshops 1")
    phonics = make_session(slot, title="Phonics in practice", capacity=1, room="Hall")
    make_session(slot, title="Maths mastery", capacity=30)
    first, waiting = PersonFactory(), PersonFactory()
    for person in (first, waiting):
        register(conference, person)
        choice_make(person=person, session=phonics)
    tick.run()
    assert not Message.objects.filter(kind=Kind.PLACE_OFFERED).exists()
    choice_withdraw(person=first, slot=slot)
    tick.run()
    offered = Message.objects.get(kind=Kind.PLACE_OFFERED)
    assert offered.person == waiting
    assert offered.subject == "You have a place: Phonics in practice"
    assert "Hall, at Joint conference" in offered.body_text
    assert f"/programme/event/{conference.pk}/" in offered.body_text
    tick.run()
    assert Message.objects.filter(kind=Kind.PLACE_OFFERED).count() == 1


def test_kinds_chosen_for_the_digest_are_held_and_sent_together_on_monday():
    group = NetworkGroupFactory()
    person = PersonFactory()
    group.members.add(person)
    preferences_save(person=person, choices={Kind.MINUTES: Choice.DIGEST})
    for title in ("Maths network", "Reading network"):
        EventFactory(
            title=title,
            network_group=group,
            minutes="Notes",
            minutes_published_at=timezone.now(),
            starts_at=timezone.now() - datetime.timedelta(days=1),
        )
    tick.queue_minutes(timezone.now())
    assert set(Message.objects.values_list("state", flat=True)) == {State.HELD}
    sunday = _london(2027, 1, 3, 9)  # not Monday: nothing yet
    assert tick.queue_digests(sunday) == 0
    assert tick.queue_digests(_london(2027, 1, 4, 8)) == 1
    digest = Message.objects.get(kind=Kind.DIGEST)
    assert "Minutes published: Maths network" in digest.body_text
    assert "Minutes published: Reading network" in digest.body_text
    assert digest.state == State.QUEUED
    assert Message.objects.filter(state=State.DIGESTED).count() == 2


def test_a_kind_turned_off_queues_nothing():
    group = NetworkGroupFactory()
    person = PersonFactory()
    group.members.add(person)
    preferences_save(person=person, choices={Kind.INVITATION: Choice.OFF})
    EventFactory(network_group=group)
    tick.run()
    assert not Message.objects.filter(kind=Kind.INVITATION).exists()


def _second_pass_queries(members: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Message.objects.all().delete()
    Event.objects.all().delete()
    group = NetworkGroupFactory()
    group.members.add(*PersonFactory.create_batch(members))
    EventFactory(network_group=group, starts_at=_london(2027, 6, 10, 10))
    the_day_before = _london(2027, 6, 9, 12)
    tick.run(the_day_before)
    assert Message.objects.filter(kind=Kind.REMINDER).count() == members
    with CaptureQueriesContext(connection) as queries:
        tick.run(the_day_before)
    return len(queries)


def test_a_pass_over_meetings_already_announced_costs_the_same_whatever_the_group_size():
    """Who already has each message is read in one query per meeting, not per person."""
    assert _second_pass_queries(2) == _second_pass_queries(25)


def test_the_opt_in_digest_lists_the_new_meetings_in_ones_groups():
    group = NetworkGroupFactory()
    reader, other = PersonFactory(), PersonFactory()
    group.members.add(reader, other)
    preferences_save(person=reader, choices={Kind.DIGEST: Choice.ON})
    monday = _london(2027, 1, 4, 8)
    EventFactory(title="Phonics moderation", network_group=group, starts_at=_london(2027, 1, 20, 9))
    with_meeting_created_last_week = monday - datetime.timedelta(days=2)
    Event.objects.update(created_at=with_meeting_created_last_week)
    assert tick.queue_digests(monday) == 1
    digest = Message.objects.get(kind=Kind.DIGEST)
    assert digest.person == reader  # the other member did not opt in
    assert "Phonics moderation, Wednesday 20 January, 09:00" in digest.body_text
    assert tick.queue_digests(monday + datetime.timedelta(hours=1)) == 0


def test_a_meeting_planned_three_days_ahead_gets_no_in_a_week_reminder():
    person = PersonFactory()
    starts = _london(2027, 5, 14, 10)
    event = EventFactory(title="Art network", starts_at=starts)
    Registration.objects.create(event=event, person=person)
    tick.queue_reminders(starts - datetime.timedelta(days=3))
    assert _reminders(person) == []
    tick.queue_reminders(starts - datetime.timedelta(hours=20))
    assert _reminders(person) == ["Tomorrow: Art network"]
