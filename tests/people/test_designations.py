"""SLE and NLE designations: area of expertise, designated on, review due, status; the
directory filters by status, and a review coming up is announced to the person and their head."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from notifications import tick
from notifications.models import Kind, Message
from people.designations import Designation
from people.models import RoleType, Specialism
from tests.factories import PersonFactory, RoleAssignmentFactory

TODAY = timezone.localdate


def designate(person, *, due_in_days: int | None = 400, **extra) -> Designation:
    today = TODAY()
    return Designation.objects.create(
        person=person,
        kind=extra.pop("kind", Designation.Kind.SLE),
        area=extra.pop("area", Specialism.objects.get(slug="maths")),
        designated_on=today - datetime.timedelta(days=3 * 365),
        review_due=today + datetime.timedelta(days=due_in_days) if due_in_days else None,
        **extra,
    )


@pytest.fixture
def colleague(school):
    return PersonFactory(school=school, first_name="Dora", last_name="Designate")


def add_data(**extra) -> dict:
    maths = Specialism.objects.get(slug="maths")
    return {
        "kind": "sle",
        "area": maths.pk,
        "designated_on": "2023-09-01",
        "review_due": "2027-08-31",
        "status": "designated",
        **extra,
    }


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_head_editors_and_admins_record_a_designation(request, persona, colleague):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/designations/add/"
    assert client.get(url).status_code == 200
    assert client.post(url, add_data()).status_code == 302
    designation = colleague.designations.get()
    assert (designation.kind, designation.area.slug, designation.review_due) == (
        "sle",
        "maths",
        datetime.date(2027, 8, 31),
    )
    html = client.get(colleague.get_absolute_url()).content.decode()
    assert "Specialist Leader of Education: Maths" in html
    assert "review due 31 August 2027" in html


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_and_the_person_themself_cannot_designate(request, persona, colleague, school):
    client = request.getfixturevalue(persona)
    designation = designate(colleague)
    assert client.post(f"/people/{colleague.pk}/designations/add/", add_data()).status_code == 403
    edit = f"/people/{colleague.pk}/designations/{designation.pk}/edit/"
    assert client.post(edit, add_data(status="lapsed")).status_code == 403
    designation.refresh_from_db()
    assert designation.status == Designation.Status.DESIGNATED
    assert colleague.designations.count() == 1


def test_a_person_cannot_designate_themself(staff):
    response = staff.post(f"/people/{staff.person.pk}/designations/add/", add_data())
    assert response.status_code == 403


def test_anonymous_is_sent_to_sign_in_to_designate(anonymous, colleague):
    response = anonymous.get(f"/people/{colleague.pk}/designations/add/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_designation_pages_refuse_other_methods(head, colleague):
    designation = designate(colleague)
    assert head.put(f"/people/{colleague.pk}/designations/add/").status_code == 405
    edit = f"/people/{colleague.pk}/designations/{designation.pk}/edit/"
    assert head.put(edit).status_code == 405


def test_a_review_before_the_designation_is_refused(head, colleague):
    url = f"/people/{colleague.pk}/designations/add/"
    response = head.post(url, add_data(review_due="2020-01-01"))
    assert response.status_code == 200
    assert "The review falls on or after the designation." in response.content.decode()
    assert not colleague.designations.exists()


def test_a_head_puts_a_designation_under_review(head, colleague):
    designation = designate(colleague)
    edit = f"/people/{colleague.pk}/designations/{designation.pk}/edit/"
    response = head.post(edit, add_data(status="under_review"))
    assert response.status_code == 302
    designation.refresh_from_db()
    assert designation.status == Designation.Status.UNDER_REVIEW


def test_a_designation_of_someone_else_is_404_under_this_person(head, colleague, school):
    other = designate(PersonFactory(school=school))
    edit = f"/people/{colleague.pk}/designations/{other.pk}/edit/"
    assert head.get(edit).status_code == 404


def test_the_person_page_flags_a_review_due_soon(staff, colleague):
    designate(colleague, due_in_days=30)
    html = staff.get(colleague.get_absolute_url()).content.decode()
    assert "Review soon" in html


# The directory ---------------------------------------------------------------------------------


def test_the_directory_filters_by_designation_status(staff, school):
    reviewed = PersonFactory(school=school, first_name="Una", last_name="Reviewed")
    designate(reviewed, status=Designation.Status.UNDER_REVIEW)
    designated = PersonFactory(school=school, first_name="Dev", last_name="Designated")
    designate(designated)
    rows = staff.get("/people/", {"designation": "under_review"}).context["rows"]
    assert [p.pk for p in rows] == [reviewed.pk]
    rows = staff.get("/people/", {"designation": "designated"}).context["rows"]
    assert [p.pk for p in rows] == [designated.pk]


def test_an_unknown_designation_status_says_so(staff):
    response = staff.get("/people/", {"designation": "knighted"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_the_designation_filter_costs_the_same_queries_for_1_or_20_people(
    staff, school, rows, django_assert_max_num_queries
):
    """The filter is a subquery of the page's own query: session, user, the page's people, their
    roles, and the count (six at most)."""
    for _ in range(rows):
        designate(PersonFactory(school=school), status=Designation.Status.LAPSED)
    staff.get("/people/")  # the menus' vocabularies into the cache
    with django_assert_max_num_queries(6):
        response = staff.get("/people/", {"designation": "lapsed"})
    assert len(response.context["rows"]) == rows


# Reminders -------------------------------------------------------------------------------------


def test_a_review_due_within_two_months_is_announced_to_the_person_and_their_head(head, staff):
    designate(staff.person, due_in_days=90)
    tick.run()
    assert not Message.objects.filter(key__startswith="designation_review").exists()
    in_five_weeks = timezone.now() + datetime.timedelta(days=35)
    tick.run(in_five_weeks)
    tick.run(in_five_weeks)
    sent = Message.objects.filter(kind=Kind.ROLE_REVIEW, key__startswith="designation_review")
    assert sorted(sent.values_list("person_id", flat=True)) == sorted(
        [staff.person.pk, head.person.pk]
    )
    assert sent.get(person=staff.person).subject.startswith(
        "Your Specialist Leader of Education designation is due for review"
    )


def test_a_lapsed_designation_is_not_announced(head, staff):
    designate(staff.person, due_in_days=90, status=Designation.Status.LAPSED)
    tick.run(timezone.now() + datetime.timedelta(days=35))
    assert not Message.objects.filter(key__startswith="designation_review").exists()


# The data migration ---------------------------------------------------------------------------


def test_the_migration_turns_dated_sle_and_nle_roles_into_designations(school):
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    nle = RoleType.objects.get(slug="nationallocal-leader-of-education")
    maths = Specialism.objects.get(slug="maths")
    current = RoleAssignmentFactory(
        person=PersonFactory(school=school),
        role_type=sle,
        specialism=maths,
        starts_on=datetime.date(2023, 9, 1),
    )
    ended = RoleAssignmentFactory(
        person=PersonFactory(school=school),
        role_type=nle,
        starts_on=datetime.date(2016, 9, 1),
        ends_on=datetime.date(2020, 8, 31),
    )
    RoleAssignmentFactory(person=PersonFactory(school=school), role_type=sle, starts_on=None)
    migration = importlib.import_module("people.migrations.0016_designations_from_roles")
    migration.designations_from_roles(apps, None)
    migration.designations_from_roles(apps, None)  # Twice: nothing more.

    assert Designation.objects.count() == 2
    made = Designation.objects.get(person=current.person)
    assert (made.kind, made.area, made.designated_on, made.review_due, made.status) == (
        "sle",
        maths,
        datetime.date(2023, 9, 1),
        datetime.date(2027, 9, 1),
        "designated",
    )
    lapsed = Designation.objects.get(person=ended.person)
    assert (lapsed.kind, lapsed.review_due, lapsed.status) == (
        "nle",
        datetime.date(2020, 8, 31),
        "lapsed",
    )
