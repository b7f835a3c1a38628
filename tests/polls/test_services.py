"""The poll's services: which date is best, and what opening and fixing refuse."""

import datetime

import pytest
from django.utils import timezone

from polls.models import Answer, PollAnswer
from polls.services import PollError, best, poll_create, poll_fix, tallies
from tests.factories import (
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    PollOptionFactory,
)


def answered(poll, answers: list[list[str]]):
    """Each date's answers, one person per answer."""
    for option, given in zip(poll.options.all(), answers, strict=True):
        for answer in given:
            PollAnswer.objects.create(option=option, person=PersonFactory(), answer=answer)
    return tallies(poll.options_with_answers())


def test_most_yes_wins_then_most_if_need_be_then_the_earliest(poll):
    yes, maybe, no = Answer.YES, Answer.IF_NEED_BE, Answer.NO
    found = answered(poll, [[yes, maybe], [yes, maybe, maybe, no], [yes, maybe, maybe]])
    assert best(found).option == found[1].option  # ties on yes; more if-need-be; earlier
    assert best(found).score == (1, 2)


def test_no_best_date_until_someone_can_come(poll):
    assert best(answered(poll, [[Answer.NO], [], [Answer.NO]])) is None


def test_a_poll_needs_two_to_eight_different_dates(partnership, dates):
    with pytest.raises(PollError) as refused:
        poll_create(
            partnership=partnership,
            group=None,
            title="Heads",
            duration_minutes=90,
            starts=[dates[0], dates[0]],
            created_by=None,
        )
    assert refused.value.code == "options"


def test_a_group_of_another_partnership_is_refused(partnership, dates):
    with pytest.raises(PollError) as refused:
        poll_create(
            partnership=partnership,
            group=NetworkGroupFactory(partnership=PartnershipFactory()),
            title="Heads",
            duration_minutes=90,
            starts=dates,
            created_by=None,
        )
    assert refused.value.code == "wrong_group"


def test_a_date_that_has_passed_cannot_be_fixed(poll, admin):
    past = PollOptionFactory(poll=poll, starts_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(PollError) as refused:
        poll_fix(poll=poll, option=past, user=admin.user)
    assert refused.value.code == "past"
    poll.refresh_from_db()
    assert poll.is_open
