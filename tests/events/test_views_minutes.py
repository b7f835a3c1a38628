"""Minutes: a draft for the chair, the minute-taker and the organisers; published once the
meeting has happened, recording who and when; their actions listed on the group page and
the owner's home page and carried into the next meeting's agenda until done."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventKind, MinuteAction, Rsvp
from notifications import tick
from notifications.models import Kind, Message
from tests.factories import EventFactory, MinuteActionFactory, PersonFactory, RsvpFactory


def url(event) -> str:
    return f"/events/{event.pk}/minutes/"


def publish_url(event) -> str:
    return f"/events/{event.pk}/minutes/publish/"


def actions(*rows, total=3) -> dict:
    """The actions formset's fields: `rows` of (description, owner pk or "", due)."""
    data = {"actions-TOTAL_FORMS": str(total), "actions-INITIAL_FORMS": "0"}
    for number, (description, owner, due) in enumerate(rows):
        data[f"actions-{number}-description"] = description
        data[f"actions-{number}-owner"] = owner
        data[f"actions-{number}-due_on"] = due
    return data


@pytest.fixture
def owner(group, school):
    """A member of the group who takes on an action (signed in, to read their home page)."""
    from tests.conftest import sign_in

    client = sign_in(PersonFactory(school=school, first_name="Olu", last_name="Owner"))
    group.members.add(client.person)
    return client


def draft(client, event, owner, text="Agreed the moderation dates."):
    data = {
        "minutes": text,
        **actions(
            ("Circulate the samples", owner.person.pk, "2030-01-31"),
            ("Book the hall", "", ""),
        ),
    }
    return client.post(url(event), data)


def test_a_blank_draft_starts_with_the_apologies(minute_taker, held, group):
    sorry = PersonFactory(first_name="Bea", last_name="Sorry")
    group.members.add(sorry)
    RsvpFactory(event=held, person=sorry, answer=Rsvp.Answer.APOLOGIES, reason="Sick")
    form = minute_taker.get(url(held)).context["form"]
    assert form["minutes"].initial == "Apologies: Bea Sorry (Sick).\n\n"


def test_minute_taker_drafts_minutes_with_two_actions(minute_taker, held, owner):
    response = draft(minute_taker, held, owner)
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes == "Agreed the moderation dates." and not held.minutes_published
    rows = list(MinuteAction.objects.order_by("pk").values_list("description", "owner", "due_on"))
    assert rows == [
        ("Circulate the samples", owner.person.pk, datetime.date(2030, 1, 31)),
        ("Book the hall", None, None),
    ]


def test_an_action_needs_a_description_and_an_owner_from_the_meeting(minute_taker, held):
    stranger = PersonFactory()
    data = {"minutes": "Notes", **actions(("", "", "2030-01-31"), ("Call", stranger.pk, ""))}
    response = minute_taker.post(url(held), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Say what the action is." in html
    held.refresh_from_db()
    assert held.minutes == "" and not MinuteAction.objects.exists()


def test_a_draft_is_read_only_by_those_who_run_the_meeting(
    minute_taker, meeting_chair, coordinator, staff, outsider, head, anonymous, held, owner
):
    draft(minute_taker, held, owner)
    for client in (minute_taker, meeting_chair, coordinator):
        html = client.get(held.get_absolute_url()).content.decode()
        assert "Agreed the moderation dates." in html and "Draft: not yet published" in html
    for client in (staff, outsider, head, owner, anonymous):
        html = client.get(held.get_absolute_url()).content.decode()
        assert "Agreed the moderation dates." not in html
        assert "Circulate the samples" not in html


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_members_who_do_not_run_the_meeting_cannot_write_or_publish(request, persona, held):
    client = request.getfixturevalue(persona)
    assert client.get(url(held)).status_code == 403
    assert client.post(url(held), {"minutes": "Mine", **actions()}).status_code == 403
    assert client.post(publish_url(held)).status_code == 403
    held.refresh_from_db()
    assert held.minutes == "" and not held.minutes_published


def test_publishing_shows_them_to_members_records_who_and_when_and_notifies(
    minute_taker, staff, outsider, anonymous, held, owner
):
    draft(minute_taker, held, owner)
    response = minute_taker.post(publish_url(held))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes_published_by == minute_taker.user
    assert timezone.now() - held.minutes_published_at < datetime.timedelta(minutes=1)
    for client in (staff, outsider):
        html = client.get(held.get_absolute_url()).content.decode()
        assert "Agreed the moderation dates." in html and "Circulate the samples" in html
    assert (
        "Agreed the moderation dates."
        not in anonymous.get(held.get_absolute_url()).content.decode()
    )
    tick.run()
    assert Message.objects.filter(kind=Kind.MINUTES, person=owner.person).exists()
    # Publishing twice is refused with a message.
    response = minute_taker.post(publish_url(held), follow=True)
    assert "already published" in response.content.decode()


def test_minutes_cannot_be_published_before_the_meeting(minute_taker, meeting, owner):
    draft(minute_taker, meeting, owner, text="Written in advance")
    response = minute_taker.post(publish_url(meeting), follow=True)
    assert "once the meeting has taken place" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.minutes_published
    assert "Publish the minutes</button>" not in minute_taker.get(url(meeting)).content.decode()


def test_actions_appear_on_the_group_page_the_owners_home_and_the_next_agenda(
    minute_taker, staff, held, owner, group, partnership
):
    draft(minute_taker, held, owner)
    minute_taker.post(publish_url(held))
    next_meeting = EventFactory(
        network_group=group, partnership=partnership, title="SEND network: next"
    )
    other_group = EventFactory(partnership=partnership, title="Another group's meeting")
    assert "Circulate the samples" in staff.get(group.get_absolute_url()).content.decode()
    assert "Circulate the samples" in owner.get("/").content.decode()
    assert "Circulate the samples" not in staff.get("/").content.decode()  # not theirs
    html = staff.get(next_meeting.get_absolute_url()).content.decode()
    assert "Actions carried from earlier meetings" in html and "Circulate the samples" in html
    assert "Circulate the samples" not in staff.get(other_group.get_absolute_url()).content.decode()


def test_the_owner_marks_an_action_done_and_it_is_carried_no_more(
    minute_taker, staff, held, owner, group, partnership
):
    draft(minute_taker, held, owner)
    minute_taker.post(publish_url(held))
    action = MinuteAction.objects.get(description="Circulate the samples")
    next_meeting = EventFactory(network_group=group, partnership=partnership)
    # Another member may read it but not mark it.
    assert staff.post(f"/events/actions/{action.pk}/done/").status_code == 403
    response = owner.post(f"/events/actions/{action.pk}/done/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    action.refresh_from_db()
    assert action.status == "done" and action.done_at is not None
    assert owner.get("/").context["my_actions"] == []
    html = staff.get(next_meeting.get_absolute_url()).content.decode()
    assert "Circulate the samples" not in html


def test_an_action_of_a_draft_cannot_be_reached(owner, anonymous, held):
    action = MinuteActionFactory(event=held, owner=owner.person)
    assert owner.post(f"/events/actions/{action.pk}/done/").status_code == 404
    assert "/accounts/login/" in anonymous.post(f"/events/actions/{action.pk}/done/")["Location"]
    action.refresh_from_db()
    assert action.status == "open"


def test_done_sends_back_only_to_this_site(owner, held):
    held.minutes_published_at = timezone.now()
    held.save()
    action = MinuteActionFactory(event=held, owner=owner.person)
    response = owner.post(f"/events/actions/{action.pk}/done/", {"next": "https://evil.example"})
    assert response["Location"] == held.get_absolute_url()


@pytest.mark.parametrize("rows", [1, 30])
def test_minutes_page_queries_do_not_grow(
    minute_taker, held, group, rows, django_assert_max_num_queries
):
    """The people (owners to choose, apologies to pre-fill) in one query with their answers,
    the recorded actions with their owners in one more: at most 6."""
    for _ in range(rows):
        person = PersonFactory()
        group.members.add(person)
        RsvpFactory(event=held, person=person, answer="apologies")
        MinuteActionFactory(event=held, owner=person)
    with django_assert_max_num_queries(6):
        minute_taker.get(url(held))


def test_a_conferences_minutes_are_a_draft_too_and_have_no_actions(coordinator, staff, partnership):
    past = timezone.now() - datetime.timedelta(days=2)
    conference = EventFactory(
        kind=EventKind.CONFERENCE,
        partnership=partnership,
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=6),
    )
    assert "Actions agreed" not in coordinator.get(url(conference)).content.decode()
    assert coordinator.post(url(conference), {"minutes": "Workshop notes"}).status_code == 302
    assert "Workshop notes" not in staff.get(conference.get_absolute_url()).content.decode()
    coordinator.post(publish_url(conference))
    assert "Workshop notes" in staff.get(conference.get_absolute_url()).content.decode()
