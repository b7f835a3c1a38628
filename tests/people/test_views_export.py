"""CSV export of the directory as filtered: visible fields only, Excel-safe."""

import csv
import io

import pytest

from people.models import ContactVisibility, RoleType, Specialism
from tests.factories import PersonFactory, RoleAssignmentFactory, SchoolFactory


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_export_has_a_header_and_one_row_per_person(staff, school):
    person = PersonFactory(
        school=school, first_name="Zoë", last_name="Ångström", job_title="Year 6 teacher"
    )
    RoleAssignmentFactory(
        person=person,
        role_type=RoleType.objects.get(slug="specialist-leader-of-education"),
        specialism=Specialism.objects.get(slug="maths"),
    )
    response = staff.get("/people/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="people-')
    raw = response.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0] == [
        "Name",
        "Pronouns",
        "Job title",
        "School or organisation",
        "Current roles",
        "E-mail",
        "Telephone",
    ]
    [row] = [r for r in table if r[0] == "Zoë Ångström"]
    assert row[2:5] == ["Year 6 teacher", school.name, "SLE (Maths)"]
    assert row[5] == person.email


def test_export_follows_the_directory_filters(staff, school, other_school):
    PersonFactory(school=school, first_name="In", last_name="Filter")
    PersonFactory(school=other_school, first_name="Out", last_name="Filter")
    table = rows(staff.get("/people/export.csv", {"school": school.slug, "q": "filter"}))
    assert [r[0] for r in table[1:]] == ["In Filter"]


def test_export_leaves_contacts_blank_where_the_person_hides_them(outsider, school):
    PersonFactory(
        school=school,
        first_name="Private",
        last_name="Person",
        contact_visibility=ContactVisibility.SCHOOL,
    )
    table = rows(outsider.get("/people/export.csv", {"q": "private"}))
    assert table[1][0] == "Private Person"
    assert table[1][5:] == ["", ""]


def test_export_neutralises_formulas_typed_into_profiles(staff, school):
    PersonFactory(school=school, first_name="=cmd|' /C calc'!A0", last_name="X", job_title="@SUM")
    table = rows(staff.get("/people/export.csv", {"q": "cmd"}))
    assert table[1][0].startswith("'=")
    assert table[1][2] == "'@SUM"


def test_export_wrong_method_is_refused(staff):
    assert staff.post("/people/export.csv").status_code == 405


@pytest.mark.parametrize("count", [1, 30])
def test_export_costs_the_same_queries_for_1_or_30_people(staff, count, django_assert_num_queries):
    """Prevents an N+1 on each row's school and current roles: session, user with their
    profile, the people holding the role the filter names, the security log entry of the
    export, the people, their roles, and the menus with which roles many hold (four, cached
    after this first visit)."""
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    for _ in range(count):
        RoleAssignmentFactory(person=PersonFactory(school=SchoolFactory()), role_type=sle)
    with django_assert_num_queries(10):
        response = staff.get("/people/export.csv", {"role": "specialist-leader-of-education"})
        table = rows(response)
    assert len(table) == count + 1
