"""programme.contributions: who is asked, answers, closing, order and the agenda."""

import datetime

import pytest
from django.utils import timezone

from programme.contributions import (
    ContributionError,
    agenda,
    asked_schools,
    board,
    contribution_answer,
    contributions_order,
    request_save,
)
from programme.models import Contribution, ContributionRequest
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_asked_schools_are_the_current_members_of_the_groups_partnership(
    meeting, school, second_school, partnership
):
    left = SchoolFactory(name="Former Member School")
    MembershipFactory(
        school=left, partnership=partnership, left_on=timezone.localdate() - datetime.timedelta(1)
    )
    assert list(asked_schools(meeting)) == [school, second_school]


def test_request_save_keeps_one_request_per_event(meeting, coordinator):
    first = request_save(
        event=meeting, person=coordinator.person, prompt="Five minutes", minutes_each=5, due_on=None
    )
    again = request_save(
        event=meeting, person=coordinator.person, prompt="Ten minutes", minutes_each=10, due_on=None
    )
    assert first.pk == again.pk
    assert ContributionRequest.objects.get().minutes_each == 10


def test_offer_then_decline_replaces_the_answer(asked, school, teacher):
    contribution_answer(
        request=asked,
        school=school,
        person=None,
        status="offered",
        topic="Fractions",
        presenter=teacher,
    )
    contribution_answer(
        request=asked, school=school, person=None, status="declined", notes="Ofsted"
    )
    only = Contribution.objects.get()
    assert (only.status, only.topic, only.presenter, only.notes) == ("declined", "", None, "Ofsted")


def test_a_school_not_asked_cannot_answer(asked, other_school):
    with pytest.raises(ContributionError) as error:
        contribution_answer(request=asked, school=other_school, person=None, status="declined")
    assert error.value.code == "not_asked"


def test_the_presenter_is_one_of_the_schools_own_staff(asked, school, other_school):
    stranger = PersonFactory(school=other_school)
    with pytest.raises(ContributionError) as error:
        contribution_answer(
            request=asked,
            school=school,
            person=None,
            status="offered",
            topic="X",
            presenter=stranger,
        )
    assert error.value.code == "presenter"


def test_answers_close_after_the_answer_by_date(asked, school):
    asked.due_on = timezone.localdate() - datetime.timedelta(days=1)
    asked.save()
    with pytest.raises(ContributionError) as error:
        contribution_answer(request=asked, school=school, person=None, status="declined")
    assert error.value.code == "closed"


def test_order_places_the_offers_and_the_agenda_follows_it(asked, school, second_school):
    a = contribution_answer(request=asked, school=school, person=None, status="offered", topic="A")
    b = contribution_answer(
        request=asked, school=second_school, person=None, status="offered", topic="B"
    )
    assert contributions_order(request=asked, orders={a.pk: 2, b.pk: 1, 999999: 0}) == 2
    found = agenda(asked.event)
    assert [c.topic for c in found.contributions] == ["B", "A"]
    assert found.total_minutes == 10


def test_board_lists_every_asked_school_offers_first(asked, school, second_school):
    contribution_answer(
        request=asked, school=second_school, person=None, status="offered", topic="B"
    )
    rows = board(asked)
    assert [(r.school, r.status) for r in rows] == [
        (second_school, "offered"),
        (school, "unanswered"),
    ]
