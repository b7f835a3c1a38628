"""The contribution pages for each persona: the organiser asks and orders, the head or an
editor of an asked school answers, everyone who may see the meeting reads the agenda."""

import datetime

import pytest
from django.utils import timezone

from programme.contributions import contribution_answer
from programme.models import Contribution, ContributionRequest
from tests.conftest import sign_in
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


# Asking ------------------------------------------------------------------------------------


def test_organiser_asks_the_schools_and_sees_every_school_unanswered(
    coordinator, meeting, school, second_school
):
    response = coordinator.post(
        f"/contributions/event/{meeting.pk}/new/",
        {"prompt": "One five-minute presentation per school", "minutes_each": "5"},
    )
    asked = ContributionRequest.objects.get(event=meeting)
    assert response.status_code == 302
    assert response["Location"] == f"/contributions/{asked.pk}/"
    page = coordinator.get(f"/contributions/{asked.pk}/").content.decode()
    assert "0 offered, 0 declined, 2 not yet answered" in page
    assert school.name in page and second_school.name in page


def test_asking_again_edits_the_one_request(coordinator, asked):
    page = coordinator.get(f"/contributions/event/{asked.event_id}/new/").content.decode()
    assert "One five-minute presentation per school." in page
    coordinator.post(f"/contributions/event/{asked.event_id}/new/", {"prompt": "Ten minutes"})
    assert ContributionRequest.objects.get().prompt == "Ten minutes"


def test_an_empty_request_is_refused_with_the_form(coordinator, meeting):
    response = coordinator.post(f"/contributions/event/{meeting.pk}/new/", {"prompt": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not ContributionRequest.objects.exists()


@pytest.mark.parametrize("persona", ["head", "staff", "outsider"])
def test_only_organisers_ask_or_see_the_answers(persona, request, meeting, asked):
    client = request.getfixturevalue(persona)
    assert client.get(f"/contributions/event/{meeting.pk}/new/").status_code == 403
    assert (
        client.post(f"/contributions/event/{meeting.pk}/new/", {"prompt": "x"}).status_code == 403
    )
    assert client.get(f"/contributions/{asked.pk}/").status_code == 403
    assert ContributionRequest.objects.get().prompt != "x"


def test_a_hidden_meetings_request_is_not_found_by_visitors(anonymous, asked):
    asked.event.is_published = False
    asked.event.save()
    assert anonymous.get(f"/contributions/{asked.pk}/").status_code == 302  # sign in first
    assert sign_in(None).get(f"/contributions/{asked.pk}/").status_code == 403


def test_bad_ids_answer_404(coordinator):
    assert coordinator.get("/contributions/0/").status_code == 404
    assert coordinator.get("/contributions/event/0/new/").status_code == 404
    assert coordinator.get("/contributions/0/answer/").status_code == 404


# Answering ---------------------------------------------------------------------------------


def test_head_offers_a_topic_and_a_presenter_from_the_school(head, asked, school, teacher):
    page = head.get(f"/contributions/{asked.pk}/answer/").content.decode()
    assert "Imani Quayle" in page
    response = head.post(
        f"/contributions/{asked.pk}/answer/",
        {"status": "offered", "topic": "Reasoning in Year 4", "presenter": teacher.pk},
    )
    assert response.status_code == 302
    saved = Contribution.objects.get(school=school)
    assert (saved.topic, saved.presenter, saved.answered_by) == (
        "Reasoning in Year 4",
        teacher,
        head.person,
    )


def test_editor_declines_with_notes(editor, asked, school):
    editor.post(
        f"/contributions/{asked.pk}/answer/", {"status": "declined", "notes": "Inspection week"}
    )
    assert Contribution.objects.get(school=school).status == "declined"


def test_an_offer_without_a_topic_re_renders_with_the_error(head, asked):
    response = head.post(f"/contributions/{asked.pk}/answer/", {"status": "offered"})
    assert response.status_code == 400
    assert "Give the topic of your contribution." in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_presenter_from_another_school_is_refused(head, asked, other_school):
    stranger = PersonFactory(school=other_school)
    response = head.post(
        f"/contributions/{asked.pk}/answer/",
        {"status": "offered", "topic": "X", "presenter": stranger.pk},
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_staff_who_do_not_edit_the_school_cannot_answer(staff, asked):
    assert staff.get(f"/contributions/{asked.pk}/answer/").status_code == 403
    response = staff.post(f"/contributions/{asked.pk}/answer/", {"status": "declined"})
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_the_head_of_a_school_not_asked_cannot_answer(asked):
    outside = SchoolFactory(name="Faraway Academy")
    MembershipFactory(school=outside)  # a member of another partnership
    client = sign_in(PersonFactory(school=outside))
    outside.headteacher = client.person
    outside.save()
    assert client.get(f"/contributions/{asked.pk}/answer/").status_code == 403
    assert (
        client.post(f"/contributions/{asked.pk}/answer/", {"status": "declined"}).status_code == 403
    )
    assert not Contribution.objects.exists()


def test_visitors_are_sent_to_sign_in(anonymous, asked):
    response = anonymous.get(f"/contributions/{asked.pk}/answer/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_after_the_answer_by_date_the_answer_is_shown_closed(head, asked, school):
    contribution_answer(request=asked, school=school, person=None, status="declined")
    asked.due_on = timezone.localdate() - datetime.timedelta(days=1)
    asked.save()
    page = head.get(f"/contributions/{asked.pk}/answer/").content.decode()
    assert "Answers are closed" in page
    head.post(f"/contributions/{asked.pk}/answer/", {"status": "offered", "topic": "Late"})
    assert Contribution.objects.get().status == "declined"


# Ordering and the agenda on the event page ---------------------------------------------------


def test_organiser_orders_the_offers_and_the_event_page_follows(
    coordinator, anonymous, asked, school, second_school, teacher
):
    a = contribution_answer(
        request=asked,
        school=school,
        person=None,
        status="offered",
        topic="Fractions",
        presenter=teacher,
    )
    b = contribution_answer(
        request=asked, school=second_school, person=None, status="offered", topic="Times tables"
    )
    response = coordinator.post(
        f"/contributions/{asked.pk}/", {f"order_{a.pk}": "2", f"order_{b.pk}": "1"}
    )
    assert response.status_code == 302
    page = coordinator.get(f"/events/{asked.event_id}/").content.decode()
    assert page.index("Times tables") < page.index("Fractions")
    assert "Total time: 10 minutes." in page
    assert "Imani Quayle" in page
    # The public sees the agenda but not the presenters' names.
    public = anonymous.get(f"/events/{asked.event_id}/").content.decode()
    assert "Fractions" in public and "Imani Quayle" not in public


def test_a_bad_position_re_renders_the_board(coordinator, asked, school):
    a = contribution_answer(request=asked, school=school, person=None, status="offered", topic="A")
    response = coordinator.post(f"/contributions/{asked.pk}/", {f"order_{a.pk}": "first"})
    assert response.status_code == 400
    assert Contribution.objects.get().order == 0


def test_declined_and_unanswered_schools_are_not_on_the_event_page(staff, asked, second_school):
    contribution_answer(request=asked, school=second_school, person=None, status="declined")
    page = staff.get(f"/events/{asked.event_id}/").content.decode()
    assert "No school has offered a contribution yet." not in page  # staff have no links
    assert second_school.name not in page


def test_head_finds_the_answer_link_on_the_event_page(head, asked):
    page = head.get(f"/events/{asked.event_id}/").content.decode()
    assert f"/contributions/{asked.pk}/answer/" in page


def test_an_editor_finds_the_answer_link_and_a_teacher_does_not(editor, staff, asked):
    link = f"/contributions/{asked.pk}/answer/"
    assert link in editor.get(f"/events/{asked.event_id}/").content.decode()
    assert link not in staff.get(f"/events/{asked.event_id}/").content.decode()


def test_the_head_of_a_school_that_left_has_no_answer_link(head, asked, school, partnership):
    partnership.memberships.filter(school=school).update(
        left_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = head.get(f"/events/{asked.event_id}/").content.decode()
    assert f"/contributions/{asked.pk}/answer/" not in page
    assert head.get(f"/contributions/{asked.pk}/answer/").status_code == 403


# Query counts ------------------------------------------------------------------------------


def _schools(partnership, asked, n):
    for i in range(n):
        member = SchoolFactory(name=f"Member School {i:02}")
        MembershipFactory(school=member, partnership=partnership)
        if i % 2:
            contribution_answer(
                request=asked,
                school=member,
                person=None,
                status="offered",
                topic=f"T{i}",
                presenter=PersonFactory(school=member),
            )


def test_the_board_costs_the_same_for_2_or_30_schools(
    coordinator, partnership, asked, django_assert_num_queries
):
    """The answers and the schools are read once each, not once per school (with presenters
    joined): session, user, request, event, answers, schools."""
    coordinator.get(f"/contributions/{asked.pk}/")
    with django_assert_num_queries(6) as small:
        coordinator.get(f"/contributions/{asked.pk}/")
    _schools(partnership, asked, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = coordinator.get(f"/contributions/{asked.pk}/")
    assert response.content.decode().count("<tr>") == 33  # header, 32 schools


def test_the_event_pages_agenda_costs_the_same_for_1_or_30_offers(
    head, partnership, asked, school, django_assert_num_queries
):
    """The request comes with the event's row, and whether the head answers for their school;
    the offers in one query, with school, presenter and minutes joined: session, user, event,
    documents, answers, actions, offers."""
    contribution_answer(request=asked, school=school, person=None, status="offered", topic="T")
    head.get(f"/events/{asked.event_id}/")
    with django_assert_num_queries(7) as small:
        head.get(f"/events/{asked.event_id}/")
    _schools(partnership, asked, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = head.get(f"/events/{asked.event_id}/")
    assert "T29" in response.content.decode()


def test_a_visitor_sees_a_new_offer_at_once_though_the_page_is_cached(anonymous, asked, school):
    """The event page is cached for visitors; a saved answer refreshes it (programme is one of
    the apps whose rows public pages show)."""
    url = f"/events/{asked.event_id}/"
    anonymous.get(url)
    assert anonymous.get(url).context is None  # from the cache
    contribution_answer(request=asked, school=school, person=None, status="offered", topic="New")
    assert "New" in anonymous.get(url).content.decode()


def test_the_answer_page_costs_the_same_for_1_or_30_staff(
    head, asked, school, teacher, django_assert_num_queries
):
    """Whether the head answers for the school comes with the event's row: session, user,
    request, event, school, the school's answer with its presenter, the presenters."""
    contribution_answer(
        request=asked, school=school, person=None, status="offered", topic="T", presenter=teacher
    )
    head.get(f"/contributions/{asked.pk}/answer/")
    with django_assert_num_queries(7) as small:
        head.get(f"/contributions/{asked.pk}/answer/")
    for i in range(30):
        PersonFactory(school=school, first_name="Staff", last_name=f"Member {i:02}")
    with django_assert_num_queries(len(small.captured_queries)):
        response = head.get(f"/contributions/{asked.pk}/answer/")
    page = response.content.decode()
    assert "Member 29" in page
    assert f"presented by {teacher.display_name}" in page
