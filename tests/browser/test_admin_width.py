"""Django admin at 1280 px: the pages that list memberships and roles fit the window, with no
sideways scrolling, however long the names of the schools, partnerships and roles."""

import pytest

from tests.browser.conftest import sign_in_with_code, verified_login, with_authenticator
from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SchoolFactory,
)

LONG_SCHOOL = "St Bartholomew's Church of England Voluntary Aided Primary School and Nursery"
LONG_PARTNERSHIP = "North Eastbridge and Riverside Teaching School Alliance for Primary Schools"

# How far the page, and any inline table inside its own box, reaches past its width.
OVERFLOW = """() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    inlines: Math.max(0, ...[...document.querySelectorAll('.inline-group .tabular')]
        .map(box => box.scrollWidth - box.clientWidth)),
})"""


@pytest.fixture
def long_names(db):
    partnership = PartnershipFactory(name=LONG_PARTNERSHIP)
    role = RoleTypeFactory(name="Specialist Leader of Education in Mathematics Mastery")
    for n in range(6):
        school = SchoolFactory(name=f"{LONG_SCHOOL} {n}")
        person = PersonFactory(
            school=school, first_name="Alexandra-Catherine", last_name=f"Montgomery-Smythe {n}"
        )
        MembershipFactory(school=school, partnership=partnership, coordinator=person)
        RoleAssignmentFactory(person=person, role_type=role, partnership=partnership)
    return partnership


def test_membership_and_role_pages_fit_1280_px(page, admin, long_names):
    membership = long_names.memberships.select_related("coordinator").first()
    sign_in_with_code(page, verified_login(admin), with_authenticator(admin))
    pages = [
        "/admin/partnerships/membership/",
        f"/admin/partnerships/membership/{membership.pk}/change/",
        f"/admin/partnerships/partnership/{long_names.pk}/change/",
        f"/admin/schools/school/{membership.school_id}/change/",
        f"/admin/people/person/{membership.coordinator_id}/change/",
        "/admin/people/roletype/",
    ]
    for url in pages:
        page.goto(url)
        assert page.viewport_size["width"] == 1280
        overflow = page.evaluate(OVERFLOW)
        assert overflow == {"page": 0, "inlines": 0}, f"{url} is too wide: {overflow}"
