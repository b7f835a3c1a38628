"""Erasure leaves no trace: after it, no text or JSON column of any table holds the person's
names, addresses or telephone; they cannot sign in and have no session; anonymous facts stay.

The scan reads every table the database has (found by introspection, so tables of models
added later are scanned too) and every column whose value is text.
"""

from __future__ import annotations

import json

from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client

from accounts.models import SecurityEvent, SecurityEventKind
from events.models import Attendance, Event, Registration, Rsvp
from partnerships.models import GroupChair, NetworkGroup
from people.models import Designation, Person, PersonQualification
from polls.models import PollAnswer
from privacy.needles import FORMER_MEMBER
from privacy.services import person_erase_everywhere
from search.models import SearchDocument, SearchWord
from tests.privacy.conftest import EMAIL, NAME, PASSWORD, TRACES


def traces_left(traces: list[str]) -> list[str]:
    """ "table.column: value" for every value in the database holding one of `traces`."""
    found = []
    lowered = [t.lower() for t in traces]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    elif isinstance(value, dict | list):
                        value = json.dumps(value, ensure_ascii=False)
                    if not isinstance(value, str):
                        continue
                    text = value.lower()
                    # JSON written with escapes: read it back as text too.
                    if "\\u" in text:
                        text += " " + text.encode().decode("unicode_escape", "replace").lower()
                    if any(trace in text for trace in lowered):
                        found.append(f"{table}.{column}: {value[:120]}")
    return found


def test_the_person_is_named_everywhere_before_erasure(subject):
    """The scan finds what it looks for: each kind of data is there to be erased."""
    found = "\n".join(traces_left(TRACES))
    for table in (
        "people_person.",
        "people_historicalperson.",
        "account_emailaddress.",
        "accounts_securityevent.details",
        "django_admin_log.object_repr",
        "events_event.minutes",
        "events_rsvp.reason",
        "notifications_message.body_text",
        "search_searchdocument.",
        "search_searchword.word",
        "accounts_user.email",
        "socialaccount_socialaccount.extra_data",
    ):
        assert table in found, table


def test_erasure_leaves_no_trace_in_any_table(subject, admin):
    person = subject.person
    assert admin.post(f"/people/{person.pk}/erase/").status_code == 302

    assert traces_left(TRACES) == []


def test_erased_person_cannot_sign_in_and_has_no_session(subject, admin):
    user = subject.person.user
    assert subject.client.get("/people/").status_code == 200  # Signed in before.
    assert Session.objects.count() >= 1

    person_erase_everywhere(person=subject.person, by=admin.user)

    owners = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user.pk) not in owners
    assert str(admin.user.pk) in owners  # Only theirs ended.
    response = subject.client.get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    again = Client().post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert again.status_code == 200  # The form again, with its error: no sign-in.
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_anonymous_facts_stay_and_mentions_read_as_a_former_member(subject, admin):
    person_erase_everywhere(person=subject.person, by=admin.user)

    event = Event.objects.get(pk=subject.event.pk)
    assert event.minutes.startswith(f"{FORMER_MEMBER} presented the calculation policy.")
    assert "Ottoline Vardy thanked them." in event.minutes  # Others' names stay.
    assert event.minute_taker_id == subject.person.pk  # The meeting still had a minute-taker.
    assert Registration.objects.filter(person=subject.person, event=event).exists()
    assert PollAnswer.objects.filter(person=subject.person).exists()  # Counted in the poll.
    assert not Rsvp.objects.filter(person=subject.person).exists()  # Their words, gone.
    assert Attendance.objects.filter(person=subject.person, event=event).exists()  # A fact.
    assert not SocialAccount.objects.exists()
    assert Person.objects.get(pk=subject.person.pk).display_name == "Former member of staff"
    colleague = Person.objects.get(pk=subject.colleague.pk)
    assert colleague.bio == f"Co-leads maths with {FORMER_MEMBER} ({FORMER_MEMBER})."
    assert colleague.email == "ottoline.vardy@example.org"
    # The sign-ins happened; who and from where is gone.
    failed = SecurityEvent.objects.filter(kind=SecurityEventKind.SIGN_IN_FAILED).get()
    assert failed.details == {} and failed.ip is None


def test_posts_and_designations_stay_anonymous_co_chairs_end_and_qualifications_go(subject, admin):
    person = subject.person
    person_erase_everywhere(person=person, by=admin.user)

    assert person.posts.get().school_id == person.school_id  # Someone held the post.
    assert Designation.objects.filter(person=person).exists()
    chair = GroupChair.objects.get(person=person)
    assert chair.ends_on is not None  # No longer a co-chair of "Writing network".
    assert not GroupChair.objects.current().filter(person=person).exists()
    assert not PersonQualification.objects.filter(person=person).exists()


def test_the_chaired_groups_search_document_and_the_word_list_are_rebuilt(subject, admin):
    group_document = SearchDocument.objects.get(kind="group", object_id=subject.group.pk)
    assert NAME.lower() in group_document.text
    person_erase_everywhere(person=subject.person, by=admin.user)

    group_document.refresh_from_db()
    assert NAME.lower() not in group_document.text
    assert NetworkGroup.objects.get(pk=subject.group.pk).chair is None
    assert not SearchDocument.objects.filter(kind="person", object_id=subject.person.pk).exists()
    assert not SearchWord.objects.filter(word__in=["quillon", "zephyrine"]).exists()


def test_erasure_is_logged_without_the_erased_data(subject, admin):
    person_erase_everywhere(person=subject.person, by=admin.user)
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ERASURE)
    assert event.user == admin.user
    assert event.details["person"] == subject.person.pk
    assert not any(trace.lower() in json.dumps(event.details).lower() for trace in TRACES)


def test_django_admins_erasure_is_the_full_one(subject, admin):
    """The admin list's action (after its confirmation page) erases from every table too."""
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    data = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [subject.person.pk]}
    assert (
        "Yes, erase their personal data"
        in admin.post("/admin/people/person/", data).content.decode()
    )
    assert admin.post("/admin/people/person/", {**data, "confirm": "yes"}).status_code == 302
    assert traces_left(TRACES) == []


def test_the_confirmation_page_erases_nothing_and_costs_few_queries(
    subject, admin, django_assert_num_queries
):
    """Looking is free: the page reads the person and their school, never the tables
    erasure will go through."""
    with django_assert_num_queries(3):
        page = admin.get(f"/people/{subject.person.pk}/erase/").content.decode()
    assert "Download their data first" in page
    assert traces_left([NAME]) != []


def test_their_places_to_come_go_to_the_people_waiting(admin):
    """Erasure gives up the person's places at an event and a session still to come, as a
    cancellation would: the first person waiting for each gets it."""
    from tests.factories import PersonFactory, RegistrationFactory
    from tests.programme.conftest import choose, make_conference, make_session, make_slot

    person, waiting = PersonFactory(), PersonFactory()
    conference = make_conference(capacity=1)
    workshop = make_session(make_slot(conference, hour=10), title="Phonics", capacity=1)
    make_session(workshop.slot, title="Maths", capacity=5)
    RegistrationFactory(event=conference, person=person, status="confirmed")
    RegistrationFactory(event=conference, person=waiting, status="waitlisted")
    choose(workshop, person)
    elsewhere = make_conference(title="Another conference")
    talk = make_session(make_slot(elsewhere, hour=10), title="Coaching", capacity=1)
    make_session(talk.slot, title="Science", capacity=5)
    RegistrationFactory(event=elsewhere, person=person, status="confirmed")
    RegistrationFactory(event=elsewhere, person=waiting, status="confirmed")
    choose(talk, person)
    choose(talk, waiting, status="waitlisted")

    person_erase_everywhere(person=person, by=admin.user)

    assert Registration.objects.get(event=conference, person=waiting).status == "confirmed"
    assert talk.choices.get(person=waiting).status == "confirmed"
    assert not talk.choices.filter(person=person).exists()
