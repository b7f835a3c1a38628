"""Moving a meeting keeps its identity (the same page and calendar UID), clears the "going"
answers that no longer hold, keeps the apologies, and the invitation goes out again."""

import datetime

from django.utils import timezone

from events.models import Rsvp
from notifications import tick
from notifications.models import Kind, Message
from tests.events.test_views_edit import form_for
from tests.factories import PersonFactory, RsvpFactory


def test_moving_clears_going_keeps_apologies_and_asks_again(coordinator, meeting, group):
    going, sorry = PersonFactory(), PersonFactory()
    group.members.add(going, sorry)
    tick.run()
    assert Message.objects.filter(kind=Kind.INVITATION).count() == 2
    RsvpFactory(event=meeting, person=going, answer="going")
    RsvpFactory(event=meeting, person=sorry, answer="apologies", reason="Course")
    uid = meeting.uid
    later = timezone.localtime(meeting.starts_at + datetime.timedelta(days=7))
    data = form_for(
        group=group,
        title=meeting.title,
        kind="network_meeting",
        starts_at=later.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(later + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    response = coordinator.post(f"/events/{meeting.pk}/edit/", data, follow=True)
    assert "those who said they were going are asked again" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.uid == uid
    assert list(Rsvp.objects.values_list("person", "answer")) == [(sorry.pk, "apologies")]
    tick.run()
    updates = Message.objects.filter(kind=Kind.INVITATION).order_by("pk")[2:]
    assert {m.person_id for m in updates} == {going.pk, sorry.pk}
    assert all(str(uid) in m.calendar and "SEQUENCE" in m.calendar for m in updates)


def test_an_edit_that_keeps_the_time_keeps_the_answers(coordinator, meeting, group):
    RsvpFactory(event=meeting, person=PersonFactory(), answer="going")
    local = timezone.localtime(meeting.starts_at)
    data = form_for(
        group=group,
        title="SEND network meeting (room changed)",
        kind="network_meeting",
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
    )
    meeting.starts_at = meeting.starts_at.replace(second=0, microsecond=0)
    meeting.ends_at = meeting.ends_at.replace(second=0, microsecond=0)
    meeting.save()
    assert coordinator.post(f"/events/{meeting.pk}/edit/", data).status_code == 302
    assert Rsvp.objects.filter(answer="going").count() == 1
