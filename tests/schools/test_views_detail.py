"""The school page: facts with their source, contacts, Ofsted, and the school's alliance life."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from schools.models import OfstedGrade, UpdatedByRole
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SchoolFactory,
    SpecialismFactory,
)


@pytest.fixture
def page_school(school):
    school.telephone = "020 7946 0123"
    school.email = "office@abbeyfield.example.org"
    school.website = "https://abbeyfield.example.org/"
    school.address_line1 = "1 Church Lane"
    school.statutory_low_age, school.statutory_high_age = 4, 11
    school.pupils_on_roll = 210
    school.register_imported_at = timezone.now()
    school.school_set_fields = ["telephone"]
    school.save()
    return school


def test_published_school_page_is_public(anonymous, page_school):
    response = anonymous.get(page_school.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Abbeyfield Primary School</h1>" in html
    assert '<a href="tel:+442079460123">020 7946 0123</a>' in html
    assert 'href="mailto:office@abbeyfield.example.org"' in html


def test_unpublished_school_is_not_found_for_the_public(anonymous, staff, school):
    school.is_published = False
    school.save()
    assert anonymous.get(school.get_absolute_url()).status_code == 404
    assert staff.get(school.get_absolute_url()).status_code == 200


def test_each_fact_says_where_it_came_from(anonymous, page_school):
    html = anonymous.get(page_school.get_absolute_url()).content.decode()
    assert 'Primary <span class="fact-source">from the public register</span>' in html
    # The school set its own telephone number.
    assert '020 7946 0123</a> <span class="fact-source">from the school</span>' in html
    assert (
        'office@abbeyfield.example.org</a> <span class="fact-source">from the school</span>' in html
    )


def test_page_says_when_and_by_whom_it_was_last_updated(anonymous, page_school):
    page_school.updated_by_role = UpdatedByRole.EDITOR
    page_school.save()
    html = anonymous.get(page_school.get_absolute_url()).content.decode()
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"{today}</time> by a school editor." in html


def test_ofsted_shows_last_inspection_with_published_outcome_and_report(anonymous, school):
    school.ofsted_inspection_date = datetime.date(2025, 11, 20)
    school.ofsted_outcome = "Report card: expected standard in every area"
    school.ofsted_report_url = "https://reports.example.org/100001"
    school.ofsted_grade = OfstedGrade.NOT_GRADED
    school.save()
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert "20 November 2025</time>: Report card: expected standard in every area." in html
    assert '<a href="https://reports.example.org/100001">Read the Ofsted report' in html
    assert "Overall effectiveness" not in html


def test_an_old_grade_is_shown_with_its_date(anonymous, school):
    school.ofsted_inspection_date = datetime.date(2021, 3, 10)
    school.ofsted_grade = OfstedGrade.GOOD
    school.save()
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert "Overall effectiveness at that inspection (March 2021): Good." in html


def test_a_grade_without_a_date_is_not_shown(anonymous, school):
    school.ofsted_grade = OfstedGrade.OUTSTANDING
    school.save()
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert "Outstanding" not in html
    assert "No inspection is recorded here." in html


@pytest.fixture
def alliance_life(school, partnership):
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    sle = PersonFactory(
        school=school, first_name="Sam", last_name="Lee", email="sam.lee@example.org"
    )
    group.members.add(sle)
    RoleAssignmentFactory(
        person=sle,
        role_type=RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE"),
        specialism=SpecialismFactory(name="Maths"),
    )
    past = PersonFactory(school=school, first_name="Pat", last_name="Past")
    RoleAssignmentFactory(person=past, starts_on="2015-09-01", ends_on="2019-08-31")
    PersonFactory(school=school, first_name="Nora", last_name="Norole")
    EventFactory(title="Maths network meeting", host_school=school, partnership=partnership)
    EventFactory(
        title="Last year's meeting",
        host_school=school,
        starts_at=timezone.now() - datetime.timedelta(days=300),
    )
    EventFactory(title="Private review day", host_school=school, is_published=False)
    return group


def test_page_lists_partnerships_groups_and_upcoming_events(anonymous, school, alliance_life):
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert '<a href="/partnerships/testbridge-alliance/">Testbridge Alliance</a>' in html
    assert ">Maths network</a>" in html
    assert ">Maths network meeting</a>" in html
    assert "Last year's meeting" not in html
    assert "Private review day" not in html


def test_signed_in_users_see_current_staff_with_current_roles_but_no_contacts(staff, alliance_life):
    html = staff.get("/schools/abbeyfield-primary-school/").content.decode()
    assert ">Sam Lee</a>" in html
    assert "SLE (Maths)" in html
    # Current staff without a current role are listed too, without a role.
    assert ">Nora Norole</a>" in html
    assert ">Pat Past</a>" in html
    assert "sam.lee@example.org" not in html


def test_public_sees_no_staff_names(anonymous, alliance_life):
    html = anonymous.get("/schools/abbeyfield-primary-school/").content.decode()
    assert "Sam Lee" not in html
    assert "Sign in</a> to see who works at this school." in html


def test_public_does_not_see_unpublished_partnerships(anonymous, school):
    private = PartnershipFactory(name="Private Trust", is_published=False)
    MembershipFactory(school=school, partnership=private)
    assert "Private Trust" not in anonymous.get(school.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("persona", "shown"), [("head", True), ("staff", False)])
def test_edit_and_history_links_only_for_those_allowed(request, school, persona, shown):
    client = request.getfixturevalue(persona)
    html = client.get(school.get_absolute_url()).content.decode()
    assert ('href="/schools/abbeyfield-primary-school/edit/"' in html) is shown
    assert ('href="/schools/abbeyfield-primary-school/history/"' in html) is shown


@pytest.mark.parametrize(
    ("persona", "shown"), [("head", True), ("admin", True), ("editor", False), ("staff", False)]
)
def test_invite_link_only_for_those_who_may_invite_to_the_school(request, school, persona, shown):
    client = request.getfixturevalue(persona)
    html = client.get(school.get_absolute_url()).content.decode()
    link = 'href="/accounts/invitations/new/?school=abbeyfield-primary-school"'
    assert (link in html) is shown


def test_school_page_refuses_post(staff, school):
    assert staff.post(school.get_absolute_url()).status_code == 405


def test_school_page_queries_do_not_grow_with_rows(
    staff, school, partnership, django_assert_num_queries
):
    """Prevents an N+1 on each partnership, group, role holder's roles, event and school
    nearby: session, user with their profile, school (with whether the user edits it, for
    both buttons), its partnerships and groups (one UNION), the staff's current roles with
    their holders, events, schools nearby. Sessions are read from the database here and from
    Redis in production: 6 queries there."""
    school.latitude, school.longitude = Decimal("53.400000"), Decimal("-2.150000")
    school.save()
    SchoolFactory(latitude=Decimal("53.401000"), longitude=Decimal("-2.151000"))

    def a_row_of_each(partnership) -> None:
        """A group of `partnership` with a member holding a role, and an event it hosts."""
        group = NetworkGroupFactory(partnership=partnership)
        person = PersonFactory(school=school)
        group.members.add(person)
        RoleAssignmentFactory(person=person)
        EventFactory(host_school=school, partnership=partnership)

    a_row_of_each(partnership)
    with django_assert_num_queries(7):
        response = staff.get(school.get_absolute_url())
    # The staff persona works here too.
    assert len(response.context["staff"]) == 2

    for _ in range(29):
        other = PartnershipFactory()
        MembershipFactory(school=school, partnership=other)
        a_row_of_each(other)
    with django_assert_num_queries(7):
        response = staff.get(school.get_absolute_url())
    assert len(response.context["staff"]) == 31
    assert len(response.context["memberships"]) == 30
    assert len(response.context["groups"]) == 30
    assert len(response.context["nearby"]) == 1
