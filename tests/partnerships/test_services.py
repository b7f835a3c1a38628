"""Membership writes: a clash the form could not see still ends in a message, not a 500."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Membership
from partnerships.services import membership_end, membership_save, partnership_update_page
from tests.factories import MembershipFactory, StatementFactory


def test_clash_caught_only_by_the_database_becomes_a_validation_error(db, monkeypatch):
    existing = MembershipFactory(left_on=None)
    # As if another request inserted `existing` between our check and our save.
    monkeypatch.setattr(Membership, "clean", lambda self: None)
    duplicate = Membership(school=existing.school, partnership=existing.partnership)
    with pytest.raises(ValidationError) as error:
        membership_save(membership=duplicate)
    assert error.value.error_list[0].code == "membership_overlap"
    assert Membership.objects.filter(school=existing.school).count() == 1


def test_ending_a_membership_before_it_began_is_refused(db):
    membership = MembershipFactory(joined_on=datetime.date(2020, 9, 1))
    with pytest.raises(ValidationError):
        membership_end(membership=membership, left_on=datetime.date(2019, 1, 1))
    membership.refresh_from_db()
    assert membership.left_on is None


def test_update_page_replaces_statements_in_the_given_order(partnership):
    StatementFactory(partnership=partnership, text="Old aim")
    partnership_update_page(
        partnership=partnership,
        description="New words.",
        aims=["Second", "First"],
        commitments=["Only"],
    )
    rows = list(partnership.statements.values_list("kind", "position", "text"))
    assert rows == [("aim", 1, "Second"), ("aim", 2, "First"), ("commitment", 1, "Only")]
