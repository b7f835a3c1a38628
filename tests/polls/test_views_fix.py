"""Fixing a poll's date: the meeting is made with host, chair and minute-taker from the rota,
and the poll closes and shows it."""

import pytest

from events.models import Event
from polls.models import Poll
from schools.models import TermPeriod, TermPeriodKind
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory


@pytest.fixture
def hosts(partnership, school):
    """`school` and a second member school, each with a head and a deputy."""
    second = SchoolFactory(name="Brook Lane Primary")
    MembershipFactory(school=second, partnership=partnership)
    for s in (school, second):
        if s.headteacher is None:
            s.headteacher = PersonFactory(school=s, job_title="Headteacher")
            s.save()
        PersonFactory(school=s, job_title="Deputy headteacher")
    return school, second


def test_coordinator_fixes_a_date_and_the_meeting_has_its_host_from_the_rota(
    coordinator, poll, hosts
):
    option = poll.options.all()[1]
    response = coordinator.post(f"/polls/{poll.pk}/fix/", {"option": option.pk})
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.starts_at == option.starts_at
    assert (event.ends_at - event.starts_at).seconds == poll.duration_minutes * 60
    assert event.partnership == poll.partnership and event.title == poll.title
    host = event.host_school
    assert host in hosts
    assert event.chair == host.headteacher
    assert event.minute_taker.school == host and event.minute_taker != event.chair
    poll.refresh_from_db()
    assert not poll.is_open and poll.event == event
    body = coordinator.get(poll.get_absolute_url()).content.decode()
    assert f'<a href="{event.get_absolute_url()}">{event.title}</a>' in body
    assert "Fix this date" not in body


def test_a_host_on_its_own_inset_day_hands_the_meeting_to_the_next_school(coordinator, poll, hosts):
    first, second = hosts
    option = poll.options.first()
    day = option.starts_at.date()
    for school in hosts:  # whichever the rota picks first is closed that day
        TermPeriod.objects.create(
            school=school, kind=TermPeriodKind.INSET, first_day=day, last_day=day
        )
        coordinator.post(f"/polls/{poll.pk}/fix/", {"option": option.pk})
        event = Event.objects.get()
        assert event.host_school != school
        event.delete()
        TermPeriod.objects.all().delete()
        Poll.objects.filter(pk=poll.pk).update(closed_at=None, event=None)


def test_the_chair_fixes_their_groups_poll(chair, group_poll):
    option = group_poll.options.first()
    assert chair.post(f"/polls/{group_poll.pk}/fix/", {"option": option.pk}).status_code == 302
    assert Event.objects.get().network_group == chair.group


def test_a_member_may_answer_but_not_fix(staff, poll):
    response = staff.post(f"/polls/{poll.pk}/fix/", {"option": poll.options.first().pk})
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_outsider_cannot_fix_a_poll_it_cannot_see(outsider, poll):
    response = outsider.post(f"/polls/{poll.pk}/fix/", {"option": poll.options.first().pk})
    assert response.status_code == 404
    assert not Event.objects.exists()


def test_a_fixed_poll_cannot_be_fixed_again(coordinator, poll, hosts):
    first, second = poll.options.all()[:2]
    coordinator.post(f"/polls/{poll.pk}/fix/", {"option": first.pk})
    response = coordinator.post(f"/polls/{poll.pk}/fix/", {"option": second.pk})
    assert response.status_code == 400
    assert "This poll is closed: its date is fixed." in response.content.decode()
    assert Event.objects.count() == 1


def test_fixing_without_a_date_says_so(coordinator, poll):
    response = coordinator.post(f"/polls/{poll.pk}/fix/", {"option": "not-a-date"})
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_without_hosting_schools_the_meeting_is_made_without_a_host(coordinator, poll):
    poll.partnership.memberships.update(hosts_meetings=False)
    coordinator.post(f"/polls/{poll.pk}/fix/", {"option": poll.options.first().pk})
    assert Event.objects.get().host_school is None
