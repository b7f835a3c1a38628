"""The poll page and answering it: members only, one click per date and answer."""

import pytest

from polls.models import Answer, PollAnswer
from tests.factories import PersonFactory, PollFactory, PollOptionFactory
from tests.polls.conftest import label, term_tuesdays


def test_member_sees_the_dates_with_a_labelled_button_for_each_answer(staff, poll, dates):
    response = staff.get(poll.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    for at in dates:
        for answer in ("Yes", "If need be", "No"):
            assert f'{answer}<span class="visually-hidden"> for {label(at)}</span>' in body
    assert "Nobody can come to any date yet." in body
    assert "Fix this date" not in body  # staff do not run the poll


def test_member_answers_with_one_click_and_can_change_their_mind(staff, poll):
    option = poll.options.first()
    url = f"/polls/{poll.pk}/answer/"
    response = staff.post(url, {"option": option.pk, "answer": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"{poll.get_absolute_url()}#option-{option.pk}"
    staff.post(url, {"option": option.pk, "answer": "no"})
    (answer,) = PollAnswer.objects.all()
    assert (answer.person, answer.answer) == (staff.person, Answer.NO)
    body = staff.get(poll.get_absolute_url()).content.decode()
    assert "your answer: no" in body


def test_best_date_has_most_yes_then_most_if_need_be_and_names_who_can_come(
    staff, head, coordinator, poll
):
    first, second, third = poll.options.all()
    for client, option, answer in [
        (staff, first, "yes"),
        (head, second, "yes"),
        (coordinator, second, "if_need_be"),
        (coordinator, third, "yes"),
    ]:
        client.post(f"/polls/{poll.pk}/answer/", {"option": option.pk, "answer": answer})
    response = staff.get(poll.get_absolute_url())
    assert response.context["best"].option == second
    body = response.content.decode()
    assert (
        f"Can come: {head.person.display_name}; if need be: {coordinator.person.display_name}."
        in body
    )


def test_a_bad_answer_changes_nothing_and_says_why(staff, poll):
    other_option = PollOptionFactory()
    url = f"/polls/{poll.pk}/answer/"
    response = staff.post(url, {"option": other_option.pk, "answer": "yes"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    response = staff.post(url, {"option": poll.options.first().pk, "answer": "maybe"})
    assert response.status_code == 400
    assert not PollAnswer.objects.exists()


def test_outsider_is_told_the_poll_does_not_exist(outsider, poll):
    assert outsider.get(poll.get_absolute_url()).status_code == 404
    response = outsider.post(
        f"/polls/{poll.pk}/answer/", {"option": poll.options.first().pk, "answer": "yes"}
    )
    assert response.status_code == 404
    assert not PollAnswer.objects.exists()


def test_visitor_is_sent_to_sign_in(anonymous, poll):
    response = anonymous.get(poll.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_admin_sees_the_poll_but_has_no_answer_to_give(admin, poll):
    response = admin.get(poll.get_absolute_url())
    assert response.status_code == 200
    assert 'visually-hidden"> for' not in response.content.decode().replace("Fix this date", "")
    response = admin.post(
        f"/polls/{poll.pk}/answer/", {"option": poll.options.first().pk, "answer": "yes"}
    )
    assert response.status_code == 403


def test_group_poll_is_for_the_groups_members_not_every_member_school(staff, chair, group_poll):
    assert staff.get(group_poll.get_absolute_url()).status_code == 404
    chair.group.members.add(staff.person)
    assert staff.get(group_poll.get_absolute_url()).status_code == 200
    assert chair.get(group_poll.get_absolute_url()).status_code == 200


def test_answering_a_closed_poll_is_refused(staff, poll):
    from django.utils import timezone

    poll.closed_at = timezone.now()
    poll.save()
    response = staff.post(
        f"/polls/{poll.pk}/answer/", {"option": poll.options.first().pk, "answer": "yes"}
    )
    assert response.status_code == 403
    assert not PollAnswer.objects.exists()


def test_answer_page_takes_post_only(staff, poll):
    assert staff.get(f"/polls/{poll.pk}/answer/").status_code == 405


@pytest.mark.parametrize("size", [2, 8])
def test_poll_page_costs_the_same_queries_for_2_or_8_dates_with_many_answers(
    staff, partnership, school, django_assert_max_num_queries, size
):
    """The dates in one query and all their answers with their people in one more (no N+1 per
    date or per answer). At most 6: session and user with their profile (2), the poll with
    whether the user belongs to it, whether they coordinate it, the dates, the answers."""
    poll = PollFactory(partnership=partnership)
    people = PersonFactory.create_batch(size * 2, school=school)
    for at in term_tuesdays(size):
        option = PollOptionFactory(poll=poll, starts_at=at)
        for person in people:
            PollAnswer.objects.create(option=option, person=person, answer=Answer.YES)
    with django_assert_max_num_queries(6):
        response = staff.get(poll.get_absolute_url())
    assert len(response.context["rows"]) == size


def test_group_poll_page_keeps_its_query_count_for_a_member(
    staff, chair, group_poll, django_assert_max_num_queries
):
    """The group's partnership is the poll's (already read): asking whether the member
    coordinates it costs no query for the group's row."""
    chair.group.members.add(staff.person)
    with django_assert_max_num_queries(6):
        assert staff.get(group_poll.get_absolute_url()).status_code == 200
