"""The organiser's attendee list, badges, choices CSV and sign-in sheets."""

import csv
import io

import pytest
from django.urls import reverse

from events.models import Registration
from people.models import ContactVisibility
from programme.models import Choice
from tests.factories import PersonFactory, RegistrationFactory
from tests.feedback.conftest import choose


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def people(held, programme, other_school):
    """A person sharing contacts with the alliance, one keeping them to admins, one waiting."""
    open_ = PersonFactory(
        first_name="Orla",
        last_name="Open",
        email="orla@example.org",
        school=other_school,
        contact_visibility=ContactVisibility.ALLIANCE,
    )
    private = PersonFactory(
        first_name="Pip",
        last_name="Private",
        email="pip@example.org",
        school=other_school,
        contact_visibility=ContactVisibility.ADMINS,
    )
    waiting = PersonFactory(first_name="Wes", last_name="Waiting")
    RegistrationFactory(event=held, person=open_)
    RegistrationFactory(event=held, person=private)
    RegistrationFactory(event=held, person=waiting, status=Registration.Status.WAITLISTED)
    choose(programme["fractions"], open_)
    choose(programme["fractions"], private, status=Choice.Status.WAITLISTED)
    return {"open": open_, "private": private, "waiting": waiting}


def test_attendee_list_shows_confirmed_people_with_school_and_choices(coordinator, held, people):
    page = coordinator.get(reverse("eventlists:attendees", args=[held.pk])).content.decode()
    assert "Orla Open" in page and "Pip Private" in page and "Wes Waiting" not in page
    assert "Brookside Primary School" in page
    assert "Fractions (waiting)" in page
    assert "orla@example.org" in page and "pip@example.org" not in page


def test_attendee_csv_respects_contact_choices(coordinator, held, people):
    rows = rows_of(coordinator.get(reverse("eventlists:attendees_csv", args=[held.pk])))
    assert rows[0] == ["Name", "School or organisation", "Job title", "E-mail", "Sessions"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Orla Open"][3] == "orla@example.org"
    assert by_name["Pip Private"][3] == ""
    assert "Wes Waiting" not in by_name


def test_badges_name_each_confirmed_person(coordinator, held, people):
    page = coordinator.get(reverse("eventlists:badges", args=[held.pk])).content.decode()
    assert page.count('class="badge-card"') == 2
    assert "Orla Open" in page and "Brookside Primary School" in page


def test_choices_csv_lists_each_session_with_room_confirmed_and_waiting(coordinator, held, people):
    rows = rows_of(coordinator.get(reverse("eventlists:choices_csv", args=[held.pk])))
    fractions = [r for r in rows[1:] if r[1] == "Fractions"]
    assert [(r[2], r[3], r[4]) for r in fractions] == [
        ("Room 1", "Confirmed", "Orla Open"),
        ("Room 1", "On the waiting list", "Pip Private"),
    ]
    assert fractions[1][6] == ""  # Pip keeps her e-mail to admins


def test_sign_in_sheet_lists_confirmed_choosers(coordinator, held, programme, people):
    url = reverse("eventlists:sign_in", args=[programme["fractions"].pk])
    page = coordinator.get(url).content.decode()
    assert "Orla Open" in page and "Pip Private" not in page
    assert "Signature" in page
    # A session alone in its slot: everyone with a confirmed place.
    keynote = coordinator.get(reverse("eventlists:sign_in", args=[programme["keynote"].pk]))
    assert "Pip Private" in keynote.content.decode()


@pytest.mark.parametrize("name", ["attendees", "attendees_csv", "badges", "choices_csv"])
def test_members_who_do_not_organise_are_refused(staff, outsider, held, name):
    url = reverse(f"eventlists:{name}", args=[held.pk])
    assert staff.get(url).status_code == 403
    assert outsider.get(url).status_code == 403


def test_sign_in_sheet_is_refused_to_other_members(staff, programme):
    url = reverse("eventlists:sign_in", args=[programme["fractions"].pk])
    assert staff.get(url).status_code == 403


@pytest.mark.parametrize("rows", [1, 30])
def test_list_queries_do_not_grow_with_attendees(
    coordinator, held, programme, rows, django_assert_num_queries
):
    """Session, user and event, then registrations and choices each read in one query,
    whatever their number (an export adds its audit record); a sign-in sheet reads its
    session with whether it shares its slot."""
    for n in range(rows):
        person = PersonFactory(last_name=f"Zed{n:02}")
        RegistrationFactory(event=held, person=person)
        choose(programme["reasoning"], person)
    last = f"Zed{rows - 1:02}"
    pages = [
        (reverse("eventlists:attendees", args=[held.pk]), 5),
        (reverse("eventlists:badges", args=[held.pk]), 4),
        (reverse("eventlists:sign_in", args=[programme["reasoning"].pk]), 5),
        (reverse("eventlists:sign_in", args=[programme["keynote"].pk]), 5),
    ]
    for page, queries in pages:
        with django_assert_num_queries(queries):
            assert last in coordinator.get(page).content.decode()
    exports = [
        (reverse("eventlists:attendees_csv", args=[held.pk]), 6),
        (reverse("eventlists:choices_csv", args=[held.pk]), 5),
    ]
    for export, queries in exports:
        with django_assert_num_queries(queries):
            assert last in str(rows_of(coordinator.get(export)))
