"""CSV exports: schools, people (within their privacy choices), memberships and events."""

import csv
import io

import pytest

from alliance.lib.csv import safe_cell
from people.models import ContactVisibility
from tests.factories import (
    EventFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content)  # streamed: rows are read here
    assert content.startswith("\ufeff".encode())  # BOM for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Abbey Fields", "Abbey Fields"),
        (None, ""),
        (12, "12"),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected):
    assert safe_cell(value) == expected


def test_schools_export_neutralises_a_formula_name(anonymous, django_assert_num_queries):
    """One query whatever the number of schools: no per-row lookups."""
    SchoolFactory(name='=HYPERLINK("http://evil.example","Click")', urn="990800")
    SchoolFactory(name="Hidden School", is_published=False)
    with django_assert_num_queries(1):
        found = rows(anonymous.get("/registers/export/schools.csv"))
    assert found[0][:3] == ["URN", "LAESTAB", "Name"]
    assert found[1][2] == '\'=HYPERLINK("http://evil.example","Click")'
    assert "Hidden School" not in {row[2] for row in found}


def test_schools_export_keeps_negative_coordinates_as_numbers(anonymous):
    """Most of England is west of Greenwich: its longitudes are negative numbers, not text."""
    SchoolFactory(name="West Primary", urn="990801", latitude="52.412345", longitude="-1.825843")
    found = rows(anonymous.get("/registers/export/schools.csv"))
    header, row = found[0], found[1]
    assert row[header.index("Longitude")] == "-1.825843"
    assert row[header.index("Latitude")] == "52.412345"


def test_people_export_respects_privacy_choices(staff, school, other_school):
    PersonFactory(
        school=other_school,
        first_name="Open",
        email="open@example.org",
        contact_visibility=ContactVisibility.ALLIANCE,
    )
    PersonFactory(
        school=other_school,
        first_name="Private",
        email="private@example.org",
        contact_visibility=ContactVisibility.ADMINS,
    )
    PersonFactory(
        school=school,
        first_name="Colleague",
        email="colleague@example.org",
        contact_visibility=ContactVisibility.SCHOOL,
    )
    found = {row[0]: row for row in rows(staff.get("/registers/export/people.csv"))[1:]}
    assert found["Open"][6] == "open@example.org"
    assert found["Private"][6] == "" and found["Private"][7] == ""
    assert found["Colleague"][6] == "colleague@example.org"  # same school


def test_people_export_costs_the_same_for_1_and_30_people(staff, django_assert_num_queries):
    """Fixed queries (session, user with profile, people, roles): none per person/role."""
    with django_assert_num_queries(5):
        rows(staff.get("/registers/export/people.csv"))
    PersonFactory.create_batch(30)
    with django_assert_num_queries(5):
        assert len(rows(staff.get("/registers/export/people.csv"))) > 30


def test_people_export_needs_sign_in(anonymous):
    response = anonymous.get("/registers/export/people.csv")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_memberships_export(staff, partnership, school, django_assert_num_queries):
    """Session, user, then one query for the memberships with school, partnership and
    coordinator: no query per membership."""
    with django_assert_num_queries(4):
        rows(staff.get("/registers/export/memberships.csv"))
    MembershipFactory.create_batch(5, partnership=partnership)
    MembershipFactory(partnership=PartnershipFactory(is_published=False))
    with django_assert_num_queries(4):
        found = rows(staff.get("/registers/export/memberships.csv"))
    assert len(found) == 1 + 7  # a signed-in member sees unpublished partnerships too
    assert ["Testbridge Alliance", school.name, school.urn] in [row[:3] for row in found]


def test_events_export_shows_what_the_user_may_see(anonymous, django_assert_num_queries):
    """One query for the events and their partnership, group and host school."""
    EventFactory(title="Open conference", partnership=PartnershipFactory())
    EventFactory(title="Members' meeting", is_published=False)
    with django_assert_num_queries(1):
        found = rows(anonymous.get("/registers/export/events.csv"))
    titles = [row[0] for row in found[1:]]
    assert titles == ["Open conference"]


def test_exports_refuse_writes(staff):
    assert staff.post("/registers/export/schools.csv").status_code == 405


def test_group_support_and_resource_exports_cost_the_same_for_more_rows(
    admin, partnership, school, django_assert_num_queries
):
    """Session and user, then the rows (groups with their partnership and chair, plus one for
    the members, plus the security log's entry; requests with their school and specialism;
    resources, plus one for tags)."""
    from tests.factories import NetworkGroupFactory, ResourceFactory, SupportRequestFactory

    def counted():
        with django_assert_num_queries(5):
            groups = rows(admin.get("/registers/export/network-groups.csv"))
        with django_assert_num_queries(3):
            requests = rows(admin.get("/registers/export/support-requests.csv"))
        with django_assert_num_queries(4):
            resources = rows(admin.get("/registers/export/resources.csv"))
        return len(groups), len(requests), len(resources)

    NetworkGroupFactory(partnership=partnership).members.add(PersonFactory(school=school))
    SupportRequestFactory(school=school)
    ResourceFactory()
    assert counted() == (2, 2, 2)
    for _ in range(6):
        group = NetworkGroupFactory(partnership=partnership)
        group.members.add(*PersonFactory.create_batch(2, school=SchoolFactory()))
    SupportRequestFactory.create_batch(6, school=school)
    ResourceFactory.create_batch(6)
    assert counted() == (14, 8, 8)
