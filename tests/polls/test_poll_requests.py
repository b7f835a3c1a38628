"""A date poll lately opened asks its members, once each, to answer it (notifications.polls)."""

import datetime

from django.utils import timezone

from notifications import tick
from notifications.models import Choice, Kind, Message
from notifications.services import preferences_save
from tests.factories import PersonFactory
from tests.polls.conftest import label


def _requests(poll) -> Message:
    return Message.objects.filter(key=f"poll:{poll.pk}")


def test_members_of_the_partnership_are_asked_once_and_outsiders_never(
    poll, school, coordinator, outsider, dates
):
    member = PersonFactory(school=school)
    tick.run()
    tick.run()
    asked = set(_requests(poll).values_list("person_id", flat=True))
    assert member.pk in asked
    assert coordinator.person.pk not in asked  # who opened it
    assert outsider.person.pk not in asked
    message = _requests(poll).get(person=member)
    assert message.kind == Kind.GROUP_MESSAGE
    assert message.subject == f"Which dates suit you? {poll.title}"
    assert f"{timezone.localtime(dates[0]):%A %-d %B %Y, %H:%M}" in message.body_text
    assert poll.get_absolute_url() in message.body_text
    assert label(dates[0])  # the dates the poll page shows on its buttons


def test_a_group_poll_asks_the_group_not_every_member_school(group_poll, chair, staff):
    member = PersonFactory(school=staff.person.school)
    chair.group.members.add(member)
    tick.run()
    asked = set(_requests(group_poll).values_list("person_id", flat=True))
    assert asked == {member.pk, chair.person.pk}


def test_closed_old_or_unwanted_polls_ask_nobody(poll, group_poll, chair, school):
    member = PersonFactory(school=school)
    preferences_save(person=member, choices={Kind.GROUP_MESSAGE: Choice.OFF})
    poll.closed_at = timezone.now()
    poll.save()
    chair.group.members.add(PersonFactory(school=school))
    type(group_poll).objects.filter(pk=group_poll.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    tick.run()
    assert not Message.objects.filter(key__startswith="poll:").exists()
