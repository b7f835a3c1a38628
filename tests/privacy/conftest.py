"""A person with every kind of data the portal holds, for the subject access and erasure tests.

Names, addresses and numbers are fictional and unlike any other test's, so a scan of the whole
database for them finds only what this person left.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client

from events.models import Attendance, Rsvp
from notifications.models import Kind, Message
from partnerships.models import GroupChair
from people.models import ContactVisibility, Designation, Person, PersonQualification, Qualification
from people.services import role_assign
from polls.models import Answer, PollAnswer
from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PersonFactory,
    PollFactory,
    PollOptionFactory,
    RegistrationFactory,
    RoleTypeFactory,
    UserFactory,
)
from tests.people.test_views_edit import form_data

FIRST, LAST = "Quillon", "Zephyrine"
NAME = f"{FIRST} {LAST}"
EMAIL = "quillon.zephyrine@example.org"
OTHER_EMAIL = "q.zephyrine@example.net"  # A second sign-in address.
PHONE = "020 7946 0123"
PASSWORD = "correct-horse-battery"
# What must be found nowhere once erased: names, addresses and the number, however written.
TRACES = [FIRST, LAST, "quillon.zephyrine", "q.zephyrine", "7946 0123", "79460123"]

COLLEAGUE_EMAIL = "ottoline.vardy@example.org"
COLLEAGUE_PHONE = "020 7946 0456"


@dataclass
class Subject:
    person: Person
    client: Client  # Signed in through the sign-in page: a real session.
    colleague: Person
    group: object
    event: object


@pytest.fixture
def subject(school, partnership, head, admin) -> Subject:
    """Quillon: edited their profile, holds a role, a post, a designation and a qualification,
    chairs a group and co-chairs another, registered for a meeting
    and answered its date poll, once mistyped their password then signed in, has a single
    sign-on account, was sent a notification, is named in a colleague's minutes, in another's
    bio and in the admin log."""
    person = PersonFactory(
        school=school,
        first_name=FIRST,
        last_name=LAST,
        email=EMAIL,
        telephone=PHONE,
        bio="Maths lead.",
        contact_visibility=ContactVisibility.ALLIANCE,
    )
    user = UserFactory(email=EMAIL)
    person.user = user
    person.save(update_fields=["user"])
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=OTHER_EMAIL, verified=True, primary=False)

    client = Client()
    client.post("/accounts/login/", {"login": EMAIL, "password": "wrong-password"})
    assert (
        client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD}).status_code == 302
    )
    client.post(
        f"/people/{person.pk}/edit/",
        form_data(person, job_title="Maths lead", bio=f"Call me on {PHONE}."),
    )

    role_assign(person=person, role_type=RoleTypeFactory(name="Maths specialist"), by=head.user)
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", chair=person)
    group.members.add(person)
    # Co-chairs another group, is a designated SLE and holds NPQH (their post at the school
    # came with the profile).
    GroupChair.objects.create(
        group=NetworkGroupFactory(partnership=partnership, name="Writing network"),
        person=person,
        title=GroupChair.Title.CO_CHAIR,
    )
    Designation.objects.create(person=person, designated_on=datetime.date(2024, 9, 1))
    PersonQualification.objects.create(
        person=person, qualification=Qualification.objects.get(slug="npqh"), year=2021
    )
    colleague = PersonFactory(
        school=school,
        first_name="Ottoline",
        last_name="Vardy",
        email=COLLEAGUE_EMAIL,
        telephone=COLLEAGUE_PHONE,
        bio=f"Co-leads maths with {NAME} ({EMAIL}).",
        contact_visibility=ContactVisibility.ADMINS,
    )
    event = EventFactory(
        title="Maths network meeting",
        network_group=group,
        partnership=partnership,
        chair=colleague,
        minute_taker=person,
        agenda=f"1. Welcome from {NAME}",
        minutes=f"{NAME} presented the calculation policy. Ottoline Vardy thanked them.",
    )
    RegistrationFactory(event=event, person=person)
    RegistrationFactory(event=event, person=colleague)
    # Answers to a meeting: apologies whose reason gives their number, and the roll call.
    Rsvp.objects.create(
        event=event, person=person, answer=Rsvp.Answer.APOLOGIES, reason=f"On a course: {PHONE}"
    )
    Attendance.objects.create(
        event=event, person=person, school=school, status=Attendance.Status.APOLOGIES
    )
    # A meeting's date poll, answered; and the account linked to a school's single sign-on.
    option = PollOptionFactory(
        poll=PollFactory(partnership=partnership, network_group=group, created_by=colleague)
    )
    PollAnswer.objects.create(option=option, person=person, answer=Answer.YES)
    SocialAccount.objects.create(
        user=user,
        provider="microsoft",
        uid="quillon-0001",
        extra_data={"displayName": NAME, "mail": EMAIL},
    )
    Message.objects.create(
        person=person,
        kind=Kind.INVITATION,
        reason="member of Maths network",
        key="test:invitation",
        event=event,
        subject="Maths network meeting",
        body_text=f"Dear {NAME}, you are invited.",
        body_html=f"<p>Dear {NAME}, you are invited.</p>",
    )
    Message.objects.create(
        person=colleague,
        kind=Kind.MINUTES,
        reason="member of Maths network",
        key="test:minutes",
        event=event,
        subject="Minutes published",
        body_text=f"Minutes taken by {NAME}.",
        body_html=f"<p>Minutes taken by {NAME}.</p>",
    )
    LogEntry.objects.log_actions(
        user_id=admin.user.pk,
        queryset=Person.objects.filter(pk=person.pk),
        action_flag=CHANGE,
        change_message=f"Changed telephone of {NAME}.",
    )
    person.refresh_from_db()
    return Subject(person=person, client=client, colleague=colleague, group=group, event=event)
