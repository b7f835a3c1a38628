"""Memberships: one school cannot hold two overlapping memberships of one partnership."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from partnerships.models import Membership, NetworkGroup, Partnership
from tests.factories import (
    MembershipFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
)

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The exclusion constraint exists on PostgreSQL only; CI runs this on PostgreSQL.",
)

SEPT_2020 = datetime.date(2020, 9, 1)
JULY_2022 = datetime.date(2022, 7, 31)


@pytest.fixture
def closed_membership(db):
    return MembershipFactory(joined_on=SEPT_2020, left_on=JULY_2022)


def test_overlapping_membership_is_refused_with_a_message_naming_the_clash(closed_membership):
    clash = Membership(
        school=closed_membership.school,
        partnership=closed_membership.partnership,
        joined_on=datetime.date(2022, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    message = " ".join(error.value.messages)
    assert f"{closed_membership.school} is already a member of" in message
    assert "from 1 September 2020 to 31 July 2022" in message


def test_membership_starting_after_the_last_one_ended_is_allowed(closed_membership):
    later = Membership(
        school=closed_membership.school,
        partnership=closed_membership.partnership,
        joined_on=datetime.date(2022, 8, 1),
    )
    later.full_clean()  # No error: the school may rejoin.


def test_membership_starting_on_the_day_the_last_one_ended_overlaps(closed_membership):
    """Both ends are inclusive, as in the database's daterange(joined_on, left_on, '[]')."""
    same_day = Membership(
        school=closed_membership.school,
        partnership=closed_membership.partnership,
        joined_on=JULY_2022,
    )
    with pytest.raises(ValidationError):
        same_day.full_clean()


def test_undated_membership_overlaps_every_other(closed_membership):
    undated = Membership(school=closed_membership.school, partnership=closed_membership.partnership)
    with pytest.raises(ValidationError):
        undated.full_clean()


def test_same_school_may_belong_to_two_partnerships_at_once(closed_membership):
    other = Membership(
        school=closed_membership.school, partnership=PartnershipFactory(), joined_on=SEPT_2020
    )
    other.full_clean()


def test_editing_a_membership_does_not_clash_with_itself(closed_membership):
    closed_membership.left_on = datetime.date(2023, 7, 31)
    closed_membership.full_clean()


def test_left_before_joined_is_refused(db):
    membership = MembershipFactory.build(
        school=SchoolFactory(), partnership=PartnershipFactory(), left_on=datetime.date(2019, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "left_on" in error.value.message_dict


def test_two_open_memberships_are_refused_by_the_database(db):
    """The unique constraint on open memberships holds on SQLite and PostgreSQL alike."""
    first = MembershipFactory(left_on=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            school=first.school, partnership=first.partnership, joined_on=JULY_2022
        )


@requires_postgresql
def test_overlapping_dated_memberships_are_refused_by_the_database(closed_membership):
    """The exclusion constraint: a direct insert that skips clean() still cannot overlap."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            school=closed_membership.school,
            partnership=closed_membership.partnership,
            joined_on=datetime.date(2021, 1, 1),
            left_on=datetime.date(2021, 12, 31),
        )


def test_for_person_lists_current_partnerships_of_the_persons_school_and_coordinated_ones(db):
    school = SchoolFactory()
    person = PersonFactory(school=school)
    mine = MembershipFactory(school=school).partnership
    MembershipFactory(school=school, left_on=datetime.date(2021, 7, 31))  # left: not mine
    coordinated = MembershipFactory(coordinator=person).partnership
    MembershipFactory()  # another school's partnership

    assert set(Partnership.objects.for_person(person)) == {mine, coordinated}


def test_groups_for_person_are_those_they_chair_or_belong_to(db):
    person = PersonFactory()
    member_of = NetworkGroupFactory()
    member_of.members.add(person)
    chaired = NetworkGroupFactory(chair=person)
    NetworkGroupFactory()

    assert set(NetworkGroup.objects.for_person(person)) == {member_of, chaired}
