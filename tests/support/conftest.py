"""Support fixtures: a maths SLE at a third school of the partnership, and a request."""

import pytest

from tests.conftest import sign_in
from tests.factories import (
    DeploymentFactory,
    MembershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SchoolFactory,
    SpecialismFactory,
    SupportRequestFactory,
)


@pytest.fixture
def maths(db):
    return SpecialismFactory(name="Maths", slug="maths")


@pytest.fixture
def sle_role(db):
    return RoleTypeFactory(
        name="Specialist Leader of Education",
        slug="sle",
        abbreviation="SLE",
        is_system_leader=True,
    )


@pytest.fixture
def leader_school(partnership):
    school = SchoolFactory(name="Castle Mead Primary School", slug="castle-mead-primary-school")
    MembershipFactory(school=school, partnership=partnership)
    return school


@pytest.fixture
def make_leader(sle_role, maths, leader_school):
    def make(school=None, specialism=None, **role):
        person = PersonFactory(school=school or leader_school)
        RoleAssignmentFactory(
            person=person, role_type=sle_role, specialism=specialism or maths, **role
        )
        return person

    return make


@pytest.fixture
def leader(make_leader):
    """Signed in as a maths SLE at Castle Mead, another school of the partnership."""
    return sign_in(make_leader())


@pytest.fixture
def support_request(school, maths, partnership):
    return SupportRequestFactory(school=school, specialism=maths)


@pytest.fixture
def deployment(leader, school, partnership, maths):
    """The leader deployed to support `school` in maths, for five days."""
    return DeploymentFactory(
        system_leader=leader.person,
        supported_school=school,
        partnership=partnership,
        specialism=maths,
        focus="Fractions in Year 4",
    )
