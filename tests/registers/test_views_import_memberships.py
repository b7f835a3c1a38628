"""Importing a partnership's member schools by URN: preview, all-or-nothing, idempotent."""

import datetime

import pytest

from partnerships.models import Membership
from tests.factories import PersonFactory, SchoolFactory
from tests.registers.imports import assert_rows_refused, imported, upload

pytestmark = pytest.mark.django_db
HEADER = "urn,role,joined_on,left_on,hosts_meetings,coordinator_email\n"


@pytest.fixture
def schools(db):
    first = SchoolFactory(urn="990700", name="Alder Primary School")
    second = SchoolFactory(urn="990701", name="Birch Primary School")
    PersonFactory(school=second, email="birch.coordinator@example.org")
    return first, second


GOOD = (
    HEADER
    + "990700,lead,01/09/2024,,yes,\n"
    + "990701,member,2024-09-01,,no,birch.coordinator@example.org\n"
)


def url(partnership) -> str:
    return f"/registers/partnerships/{partnership.slug}/memberships/import/"


def test_coordinator_imports_member_schools_by_urn(coordinator, partnership, schools):
    response = imported(coordinator, url(partnership), GOOD)
    assert response.status_code == 302
    alder = Membership.objects.get(partnership=partnership, school__urn="990700")
    assert alder.role == "lead" and alder.joined_on == datetime.date(2024, 9, 1)
    birch = Membership.objects.get(partnership=partnership, school__urn="990701")
    assert not birch.hosts_meetings and birch.coordinator.email == "birch.coordinator@example.org"


def test_reimporting_the_same_file_changes_nothing(coordinator, partnership, schools):
    imported(coordinator, url(partnership), GOOD)
    before = list(Membership.objects.order_by("pk").values())
    preview = coordinator.post(url(partnership), upload(GOOD))
    assert preview.context["plan"].count("unchanged") == 2
    imported(coordinator, url(partnership), GOOD)
    assert list(Membership.objects.order_by("pk").values()) == before


def test_an_existing_member_is_updated_not_duplicated(admin, partnership, school):
    content = HEADER + f"{school.urn},associate,01/09/2020,,yes,\n"
    preview = admin.post(url(partnership), upload(content))
    assert "role: member → associate" in preview.content.decode()
    admin.post(url(partnership), {"content": preview.context["confirm"].initial["content"]})
    assert Membership.objects.get(partnership=partnership, school=school).role == "associate"


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(coordinator, partnership, schools):
    bad_rows = [
        ("12345,member,,,,", "urn: A URN has 6 digits."),
        ("990799,member,,,,", "No school in the portal has URN 990799."),
        ("990700,member,,,,", "URN 990700 is also on line 2."),
        ("@SUM(1+1),member,,,,", "formulas are not accepted"),
    ]
    assert_rows_refused(coordinator, url(partnership), GOOD, bad_rows)
    assert not Membership.objects.filter(school__urn="990700").exists()


def test_template_download(coordinator, partnership):
    response = coordinator.get(
        f"/registers/partnerships/{partnership.slug}/memberships/template.csv"
    )
    assert (
        b"".join(response.streaming_content)
        .decode("utf-8-sig")
        .startswith(HEADER.replace("\n", "\r\n"))
    )


def test_wrong_method(coordinator, partnership):
    assert coordinator.delete(url(partnership)).status_code == 405


def test_anonymous_is_sent_to_sign_in(anonymous, partnership, schools):
    response = anonymous.post(url(partnership), upload(GOOD))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", ["outsider", "staff", "head"])
def test_only_coordinators_and_admins_may_import(request, partnership, schools, persona):
    client = request.getfixturevalue(persona)
    assert client.post(url(partnership), upload(GOOD)).status_code == 403
    assert not Membership.objects.filter(school__urn="990700").exists()


def test_a_blank_hosts_meetings_is_no_for_a_new_member(coordinator, partnership, schools):
    imported(coordinator, url(partnership), HEADER + "990700,member,01/09/2024,,,\n")
    membership = Membership.objects.get(partnership=partnership, school__urn="990700")
    assert membership.hosts_meetings is False


def test_a_blank_hosts_meetings_leaves_an_existing_member_unchanged(
    coordinator, partnership, schools
):
    imported(coordinator, url(partnership), HEADER + "990700,member,01/09/2024,,no,\n")
    preview = coordinator.post(url(partnership), upload(HEADER + "990700,member,01/09/2024,,,\n"))
    assert preview.context["plan"].count("unchanged") == 1
    coordinator.post(url(partnership), {"content": preview.context["confirm"].initial["content"]})
    membership = Membership.objects.get(partnership=partnership, school__urn="990700")
    assert membership.hosts_meetings is False
