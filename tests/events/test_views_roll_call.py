"""The roll call: the chair or minute-taker (or an organiser) marks each expected person on
one form of radio rows, pre-filled from their answers."""

import pytest

from events.models import Attendance
from tests.factories import PersonFactory, RsvpFactory, SchoolFactory


def url(event) -> str:
    return f"/events/{event.pk}/attendance/"


@pytest.fixture
def members(group, school, other_school):
    present = PersonFactory(school=school, first_name="Ada", last_name="Present")
    sorry = PersonFactory(school=other_school, first_name="Bea", last_name="Sorry")
    group.members.add(present, sorry)
    return present, sorry


def test_chair_marks_the_roll_prefilled_from_the_answers(meeting_chair, held, members):
    present, sorry = members
    RsvpFactory(event=held, person=sorry, answer="apologies", reason="Sick")
    response = meeting_chair.get(url(held))
    form = response.context["form"]
    assert form[f"person_{sorry.pk}"].initial == "apologies"
    assert form[f"person_{present.pk}"].initial == "attended"
    html = response.content.decode()
    assert html.count('type="radio"') == 3 * len(form.fields)
    data = {f"person_{p.pk}": "attended" for p in form.people}
    data[f"person_{sorry.pk}"] = "apologies"
    assert meeting_chair.post(url(held), data).status_code == 302
    marks = dict(Attendance.objects.values_list("person__last_name", "status"))
    assert marks["Present"] == "attended" and marks["Sorry"] == "apologies"
    # The person's school is kept with the mark, for the participation report.
    assert Attendance.objects.get(person=sorry).school == sorry.school


def test_a_second_roll_call_changes_the_marks_it_does_not_add(minute_taker, held, members):
    present, _ = members
    form = minute_taker.get(url(held)).context["form"]
    data = {f"person_{p.pk}": "attended" for p in form.people}
    minute_taker.post(url(held), data)
    data[f"person_{present.pk}"] = "absent"
    minute_taker.post(url(held), data)
    assert Attendance.objects.filter(person=present).get().status == "absent"
    assert minute_taker.get(url(held)).context["form"][f"person_{present.pk}"].initial == "absent"


def test_a_bad_mark_is_refused_and_nothing_is_saved(coordinator, held, members):
    present, sorry = members
    data = {f"person_{present.pk}": "asleep", f"person_{sorry.pk}": "attended"}
    response = coordinator.post(url(held), data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_roll_call_opens_when_the_meeting_starts(meeting_chair, meeting, members):
    assert "opens when the meeting starts" in meeting_chair.get(url(meeting)).content.decode()
    present, _ = members
    response = meeting_chair.post(url(meeting), {f"person_{present.pk}": "attended"})
    assert response.status_code == 302
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_members_who_do_not_run_the_meeting_are_refused(request, persona, held, members):
    client = request.getfixturevalue(persona)
    present, _ = members
    assert client.get(url(held)).status_code == 403
    assert client.post(url(held), {f"person_{present.pk}": "attended"}).status_code == 403
    assert not Attendance.objects.exists()


def test_visitor_is_sent_to_sign_in(anonymous, held):
    assert "/accounts/login/" in anonymous.get(url(held))["Location"]


@pytest.mark.parametrize("rows", [1, 30])
def test_roll_call_queries_do_not_grow_with_people(
    meeting_chair, held, group, rows, django_assert_max_num_queries
):
    """Each person comes with their school, answer and mark in one query: session, user,
    event, the people (and, for an organiser, the coordinator check): at most 6."""
    for _ in range(rows):
        person = PersonFactory(school=SchoolFactory())
        group.members.add(person)
        RsvpFactory(event=held, person=person, answer="apologies")
    with django_assert_max_num_queries(6):
        response = meeting_chair.get(url(held))
    assert len(response.context["form"].people) == rows + 1  # and the chair
