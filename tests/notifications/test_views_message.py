"""A chair or coordinator messages everyone in their group or partnership through the portal.
Members may not message a group; nobody may message a group of another partnership they do
not coordinate; the sender never sees addresses, and a recipient sees the sender's address
only if the sender lets them."""

from __future__ import annotations

import pytest

from notifications.delivery import deliver_due
from notifications.models import Message
from people.models import ContactVisibility
from tests.factories import PersonFactory
from tests.notifications.conftest import parts

pytestmark = pytest.mark.django_db

FORM = {"subject": "Room change", "body": "We meet in the hall on Tuesday."}


def _url(group) -> str:
    return f"/notifications/message/{group.partnership.slug}/{group.slug}/"


def test_the_chair_messages_every_member_of_their_group(smtp, chair, school):
    members = PersonFactory.create_batch(2, school=school)
    chair.group.members.add(*members)
    response = chair.post(_url(chair.group), FORM)
    assert response.status_code == 302
    deliver_due(owner="test")
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in members)
    received = smtp.messages[0]
    assert received["Subject"] == "Room change"
    assert "We meet in the hall on Tuesday." in parts(received)["text/plain"]
    assert "We meet in the hall on Tuesday." in parts(received)["text/html"]
    # The page that confirms it names how many, not who.
    page = chair.get(response["Location"])
    assert b"on its way to 2 people" in page.content
    assert members[0].email.encode() not in page.content


def test_a_member_may_not_message_their_group_and_nothing_is_sent(staff, chair):
    chair.group.members.add(staff.person, PersonFactory())
    assert staff.get(_url(chair.group)).status_code == 403
    assert staff.post(_url(chair.group), FORM).status_code == 403
    assert not Message.objects.exists()


def test_a_coordinator_of_another_partnership_may_not_message_this_one(outsider, partnership):
    response = outsider.post(f"/notifications/message/{partnership.slug}/", FORM)
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_an_empty_message_is_refused_with_a_clear_message(chair):
    response = chair.post(_url(chair.group), {"subject": "  ", "body": ""})
    assert response.status_code == 200
    assert b"Enter a subject." in response.content
    assert b"Write the message." in response.content
    assert not Message.objects.exists()


def test_the_senders_address_is_shown_only_to_those_the_sender_lets_see_it(smtp, chair, school):
    chair.person.contact_visibility = ContactVisibility.SCHOOL
    chair.person.save()
    colleague = PersonFactory(school=school)
    stranger = PersonFactory()  # another school
    chair.group.members.add(colleague, stranger)
    for person in (colleague, stranger):
        from tests.factories import UserFactory

        person.user = UserFactory(email=person.email)
        person.save()
    chair.post(_url(chair.group), FORM)
    deliver_due(owner="test")
    assert chair.person.email in str(smtp.to(colleague.email)[0])
    assert chair.person.email not in str(smtp.to(stranger.email)[0])


def test_a_coordinator_messages_the_staff_of_the_partnerships_schools(
    smtp, coordinator, partnership, school, other_school
):
    inside = PersonFactory(school=school)
    PersonFactory(school=other_school)  # not a member school
    coordinator.post(f"/notifications/message/{partnership.slug}/", FORM)
    deliver_due(owner="test")
    assert [m["To"] for m in smtp.messages] == [inside.email]


def test_the_group_page_offers_the_message_form_to_its_chair_only(chair, staff):
    url = chair.group.get_absolute_url()
    link = _url(chair.group).encode()
    assert link in chair.get(url).content
    assert link not in staff.get(url).content


def test_the_message_form_costs_the_same_queries_however_many_members(
    chair, school, django_assert_num_queries
):
    """The form never lists the recipients: no query per member, before or after they grow."""
    with django_assert_num_queries(3):
        chair.get(_url(chair.group))
    chair.group.members.add(*PersonFactory.create_batch(30, school=school))
    with django_assert_num_queries(3):
        chair.get(_url(chair.group))


def test_members_who_turned_group_messages_off_do_not_get_them(chair, school):
    from notifications.models import Choice, Kind
    from notifications.services import preferences_save

    keen, quiet = PersonFactory.create_batch(2, school=school)
    chair.group.members.add(keen, quiet)
    preferences_save(person=quiet, choices={Kind.GROUP_MESSAGE: Choice.OFF})
    response = chair.post(_url(chair.group), FORM)
    assert b"on its way to 1 person." in chair.get(response["Location"]).content
    assert list(Message.objects.values_list("person_id", flat=True)) == [keen.pk]
