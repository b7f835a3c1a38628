"""Django admin: add several schools at once, and overlapping memberships refused there too."""

import datetime

import pytest

from partnerships.models import Membership, PartnerOrganisation
from tests.factories import MembershipFactory, PartnershipFactory, SchoolFactory


def add_schools_url(partnership) -> str:
    return f"/admin/partnerships/partnership/{partnership.pk}/add-schools/"


def test_action_leads_to_the_add_schools_page(admin, partnership):
    response = admin.post(
        "/admin/partnerships/partnership/",
        {"action": "add_schools_action", "_selected_action": [partnership.pk]},
    )
    assert response.status_code == 302
    assert response.url == add_schools_url(partnership)
    assert "Add schools to Testbridge Alliance" in admin.get(response.url).content.decode()


def test_admin_adds_several_schools_and_existing_members_are_skipped(admin, partnership, school):
    new = SchoolFactory.create_batch(2)
    response = admin.post(
        add_schools_url(partnership),
        {
            "schools": [school.pk, *(s.pk for s in new)],
            "role": "associate",
            "joined_on": "2025-09-01",
        },
        follow=True,
    )
    body = response.content.decode()
    added = Membership.objects.filter(partnership=partnership, role="associate")
    assert {m.school for m in added} == set(new)
    assert all(m.joined_on == datetime.date(2025, 9, 1) for m in added)
    assert f"{school.name} was not added" in body
    assert partnership.memberships.filter(school=school).count() == 1


def test_non_admin_cannot_reach_the_add_schools_page(staff, partnership, other_school):
    response = staff.post(add_schools_url(partnership), {"schools": [other_school.pk]})
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    assert not partnership.memberships.filter(school=other_school).exists()


def test_membership_admin_refuses_an_overlap(admin, partnership, school):
    response = admin.post(
        "/admin/partnerships/membership/add/",
        {
            "school": school.pk,
            "partnership": partnership.pk,
            "role": "member",
            "joined_on": "2024-09-01",
            "hosts_meetings": "on",
        },
    )
    assert response.status_code == 200
    assert "is already a member of Testbridge Alliance" in response.content.decode()
    assert partnership.memberships.count() == 1


def inline_data(partnership, rows) -> dict:
    data = {
        "name": partnership.name,
        "slug": partnership.slug,
        "kind": partnership.kind,
        "is_published": "on",
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": "0",
    }
    for index, (school, joined, left) in enumerate(rows):
        data |= {
            f"memberships-{index}-school": school.pk,
            f"memberships-{index}-role": "member",
            f"memberships-{index}-joined_on": joined,
            f"memberships-{index}-left_on": left,
            f"memberships-{index}-hosts_meetings": "on",
        }
    return data


@pytest.fixture
def empty_partnership(db):
    return PartnershipFactory(name="Fresh Partnership")


def test_inline_refuses_two_new_rows_that_overlap_each_other(admin, empty_partnership):
    school = SchoolFactory()
    rows = [(school, "2020-09-01", "2022-07-31"), (school, "2021-09-01", "")]
    url = f"/admin/partnerships/partnership/{empty_partnership.pk}/change/"
    response = admin.post(url, inline_data(empty_partnership, rows))
    assert response.status_code == 200
    assert "is already a member of Fresh Partnership" in response.content.decode()
    assert not empty_partnership.memberships.exists()


def test_inline_accepts_consecutive_memberships(admin, empty_partnership):
    school = SchoolFactory()
    rows = [(school, "2020-09-01", "2022-07-31"), (school, "2023-09-01", "")]
    url = f"/admin/partnerships/partnership/{empty_partnership.pk}/change/"
    response = admin.post(url, inline_data(empty_partnership, rows))
    assert response.status_code == 302
    assert empty_partnership.memberships.count() == 2


def test_inline_refuses_a_row_overlapping_a_saved_membership(admin, db):
    existing = MembershipFactory(joined_on=datetime.date(2020, 9, 1))
    rows = [(existing.school, "2024-09-01", "")]
    data = inline_data(existing.partnership, rows) | {
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-1-id": existing.pk,
        "memberships-1-partnership": existing.partnership.pk,
        "memberships-1-school": existing.school.pk,
        "memberships-1-role": "member",
        "memberships-1-joined_on": "2020-09-01",
        "memberships-1-left_on": "",
    }
    url = f"/admin/partnerships/partnership/{existing.partnership.pk}/change/"
    response = admin.post(url, data)
    assert response.status_code == 200
    assert "is already a member of" in response.content.decode()
    assert existing.partnership.memberships.count() == 1


def test_a_partner_website_typed_without_a_scheme_is_saved_as_https(admin, db):
    response = admin.post(
        "/admin/partnerships/partnerorganisation/add/",
        {"name": "Northfield Teaching School Hub", "kind": "other", "website": "hub.example.org"},
    )
    assert response.status_code == 302
    organisation = PartnerOrganisation.objects.get(name="Northfield Teaching School Hub")
    assert organisation.website == "https://hub.example.org"
