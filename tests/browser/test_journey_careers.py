"""A head reads a colleague's career, designation and qualifications, their group's objectives
and a partner organisation's page: each accessible and usable at phone width."""

import datetime

from playwright.sync_api import expect

from partnerships.group_services import group_chairs_set, objective_add, objective_note_add
from partnerships.models import PartnerOrganisation
from people.careers import person_move
from people.designations import Designation
from people.models import PersonQualification, Qualification, YearGroup
from schools.feeders import FeederLink
from tests.browser.conftest import (
    check_page,
    sign_in_with_code,
    verified_login,
    with_authenticator,
)
from tests.factories import NetworkGroupFactory, PersonFactory, RoleAssignmentFactory, SchoolFactory


def test_a_head_reads_careers_groups_and_organisations(page, head, school, partnership):
    colleague = PersonFactory(school=SchoolFactory(), first_name="Cleo", last_name="Career")
    person_move(person=colleague, school=school, job_title="Deputy headteacher")
    Designation.objects.create(
        person=colleague,
        designated_on=datetime.date(2022, 9, 1),
        review_due=datetime.date.today() + datetime.timedelta(days=20),
    )
    PersonQualification.objects.create(
        person=colleague,
        qualification=Qualification.objects.get_or_create(
            # Seeded by a migration; a live-server test's flush may have removed it.
            slug="npqsl",
            defaults={"name": "National Professional Qualification for Senior Leadership"},
        )[0],
        year=2021,
    )
    colleague.year_groups.add(
        YearGroup.objects.get_or_create(code="Y5", defaults={"name": "Year 5", "ordering": 7})[0]
    )
    board = PartnerOrganisation.objects.create(name="Testshire Safeguarding Board")
    board.partnerships.add(partnership)
    RoleAssignmentFactory(person=colleague, organisation=board)
    FeederLink.objects.create(feeder=school, receiver=SchoolFactory(name="Kingsway High School"))
    group = NetworkGroupFactory(partnership=partnership, name="Writing network", slug="writing")
    group_chairs_set(group=group, chairs=[colleague, PersonFactory(school=school)])
    objective = objective_add(group=group, title="Moderate Year 6 writing together")
    objective_note_add(
        objective=objective, author=colleague, text="Two sessions held.", status="on_track"
    )
    email = verified_login(head)
    sign_in_with_code(page, email, with_authenticator(head))

    page.goto(colleague.get_absolute_url())
    expect(page.get_by_role("heading", name="Career in the alliance")).to_be_visible()
    expect(page.get_by_text("Review soon")).to_be_visible()
    check_page(page, "person-career")

    page.goto(school.get_absolute_url())
    expect(page.get_by_role("heading", name="Feeder and transition links")).to_be_visible()
    check_page(page, "school-links")

    page.goto(group.get_absolute_url())
    page.get_by_role("link", name="Objectives and progress").click()
    expect(page.get_by_text("Two sessions held.")).to_be_visible()
    check_page(page, "group-objectives")

    page.goto(board.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Testshire Safeguarding Board")
    check_page(page, "organisation")
