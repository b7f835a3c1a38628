"""The partnership page: members and past members, clusters, groups, partner organisations,
aims, events and the at-a-glance panel; people for signed-in users only."""

import datetime
import re

import pytest

from people.models import ContactVisibility
from schools.models import OfstedGrade, Phase
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SchoolFactory,
    StatementFactory,
)


def add_members(partnership, count: int) -> None:
    """`count` member schools, each with a coordinator who holds an alliance role."""
    for _ in range(count):
        school = SchoolFactory(phase=Phase.SECONDARY, ofsted_grade=OfstedGrade.GOOD)
        coordinator = PersonFactory(school=school)
        RoleAssignmentFactory(person=coordinator)
        MembershipFactory(partnership=partnership, school=school, coordinator=coordinator)
        MembershipFactory(
            partnership=partnership, school=SchoolFactory(), left_on=datetime.date(2021, 7, 31)
        )
        NetworkGroupFactory(partnership=partnership, chair=coordinator)
        organisation = PartnerOrganisationFactory()
        organisation.partnerships.add(partnership)
        PersonFactory(school=None, organisation=organisation)
        PartnershipFactory(parent=partnership)
        StatementFactory(partnership=partnership)
        EventFactory(partnership=partnership, host_school=school)


def test_members_show_role_and_coordinator_to_signed_in_users(staff, partnership, school):
    coordinator = PersonFactory(school=school, first_name="Ada", last_name="Lovelace")
    membership = partnership.memberships.get()
    membership.coordinator = coordinator
    membership.role = "lead"
    membership.save()
    body = staff.get(partnership.get_absolute_url()).content.decode()
    assert school.name in body
    assert '<td data-label="Role">Lead</td>' in body
    assert "Ada Lovelace" in body


def test_public_sees_schools_but_no_people(anonymous, partnership, school):
    membership = partnership.memberships.get()
    membership.coordinator = PersonFactory(school=school, first_name="Ada", last_name="Lovelace")
    membership.save()
    body = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert school.name in body
    assert "Lovelace" not in body
    assert membership.coordinator.email not in body


def test_coordinator_email_shown_only_where_contacts_may_be_seen(
    staff, outsider, partnership, school
):
    membership = partnership.memberships.get()
    membership.coordinator = PersonFactory(
        school=school, contact_visibility=ContactVisibility.SCHOOL
    )
    membership.save()
    email = membership.coordinator.email
    assert email in staff.get(partnership.get_absolute_url()).content.decode()
    assert email not in outsider.get(partnership.get_absolute_url()).content.decode()


def test_past_members_are_listed_separately(staff, partnership):
    former = SchoolFactory(name="Formerly Primary School")
    MembershipFactory(partnership=partnership, school=former, left_on=datetime.date(2021, 7, 31))
    response = staff.get(partnership.get_absolute_url())
    body = response.content.decode()
    assert [m.school for m in response.context["members"]] == [
        partnership.memberships.get(left_on=None).school
    ]
    assert [m.school for m in response.context["past_members"]] == [former]
    assert body.index("Past members") < body.index("Formerly Primary School")
    assert "31 Jul 2021" in body


def test_unpublished_partnership_is_404_for_the_public(anonymous, staff, db):
    hidden = PartnershipFactory(is_published=False)
    assert anonymous.get(hidden.get_absolute_url()).status_code == 404
    assert staff.get(hidden.get_absolute_url()).status_code == 200


def test_page_shows_clusters_groups_organisations_aims_and_events(staff, partnership):
    PartnershipFactory(name="North Cluster", parent=partnership)
    PartnershipFactory(name="Hidden Cluster", parent=partnership, is_published=False)
    PartnershipFactory(name="East Cluster", parent=partnership)
    NetworkGroupFactory(partnership=partnership, name="SEND network")
    organisation = PartnerOrganisationFactory(name="University of Testbridge")
    organisation.partnerships.add(partnership)
    PersonFactory(school=None, organisation=organisation, first_name="Grace", last_name="Hopper")
    StatementFactory(partnership=partnership, text="Second aim", position=2)
    StatementFactory(partnership=partnership, text="First aim", position=1)
    StatementFactory(partnership=partnership, kind="commitment", text="We share training.")
    EventFactory(partnership=partnership, title="Spring conference")
    EventFactory(
        partnership=partnership,
        title="Last year's conference",
        starts_at=datetime.datetime(2020, 1, 1, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC),
    )
    body = staff.get(partnership.get_absolute_url()).content.decode()
    for text in [
        "North Cluster",
        "Hidden Cluster",
        "SEND network",
        "University of Testbridge",
        "Grace Hopper",
        "We share training.",
        "Spring conference",
    ]:
        assert text in body
    assert body.index("First aim") < body.index("Second aim") < body.index("We share training.")
    assert body.index("East Cluster") < body.index("Hidden Cluster") < body.index("North Cluster")
    assert "Last year&#x27;s conference" not in body


def test_public_does_not_see_unpublished_clusters_or_partner_people(anonymous, partnership):
    PartnershipFactory(name="Hidden Cluster", parent=partnership, is_published=False)
    organisation = PartnerOrganisationFactory(name="University of Testbridge")
    organisation.partnerships.add(partnership)
    PersonFactory(school=None, organisation=organisation, first_name="Grace", last_name="Hopper")
    body = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert "University of Testbridge" in body
    assert "Hidden Cluster" not in body
    assert "Hopper" not in body


def test_at_a_glance_counts_members_by_phase_grade_and_staff_in_roles(staff, db):
    partnership = PartnershipFactory()
    primary = SchoolFactory(
        name="Alder Primary", phase=Phase.PRIMARY, ofsted_grade=OfstedGrade.GOOD
    )
    secondary = SchoolFactory(
        name="Birch High", phase=Phase.SECONDARY, ofsted_grade=OfstedGrade.GOOD
    )
    for school in (primary, secondary):
        MembershipFactory(partnership=partnership, school=school)
    RoleAssignmentFactory(person=PersonFactory(school=primary))
    RoleAssignmentFactory(person=PersonFactory(school=primary))
    RoleAssignmentFactory(
        person=PersonFactory(school=primary), ends_on=datetime.date(2021, 7, 31)
    )  # a past role does not count
    PersonFactory(school=secondary)  # no role

    charts = {c.slug: c for c in staff.get(partnership.get_absolute_url()).context["charts"]}
    counts = {slug: {b.label: b.count for b in chart.bars} for slug, chart in charts.items()}
    assert counts["phase"] == {"Primary": 1, "Secondary": 1}
    assert counts["ofsted"] == {"Good": 2}
    assert counts["roles"] == {"Alder Primary": 2, "Birch High": 0}


def test_chart_bars_have_text_alternatives(anonymous, partnership):
    body = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert '<figcaption id="chart-phase"><strong>Members by phase</strong>' in body
    assert '<th scope="row">Primary</th>' in body
    assert 'aria-hidden="true"' in body  # the drawing; the table says the same in text
    # Drawn on the server: the only scripts on the page are the site-wide files.
    assert re.findall(r"<script[^>]*>", body) == [
        '<script src="/static/django_htmx/htmx-2.min.js" defer>',
        '<script src="/static/js/site.js" defer>',
    ]


@pytest.mark.parametrize("members", [1, 30])
def test_page_costs_the_same_queries_for_1_or_30_members(
    staff, db, django_assert_num_queries, members
):
    """Memberships with school, coordinator and staff-in-roles count in one query (no N+1 per
    member for the coordinator, the contact check or the chart); groups with their chairs and
    partner organisations with their people come with the partnership's row. 7 queries:
    session and user with their profile (2), partnership (with whether the user coordinates
    it, its aims, clusters, groups, occasions, partner organisations and their people),
    memberships, events (3); for a member, attendance by school (one aggregate) and open
    actions with their owners and meetings (2). With sessions read from the cache, as in
    production, 6."""
    partnership = PartnershipFactory()
    add_members(partnership, members)
    for n in range(members):
        group = NetworkGroupFactory(partnership=partnership, chair=PersonFactory())
        organisation = PartnerOrganisationFactory()
        organisation.partnerships.add(partnership)
        PersonFactory(organisation=organisation, school=None, last_name=f"Partner{n}")
    with django_assert_num_queries(7):
        response = staff.get(partnership.get_absolute_url())
    assert len(response.context["members"]) == members
    body = response.content.decode()
    assert body.count(f"chaired by {group.chair.display_name}") == 1
    assert all(f"Partner{n}" in body for n in range(members))
