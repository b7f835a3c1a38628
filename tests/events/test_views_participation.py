"""The participation report: attendance by school and by group over a period, as a table,
bars drawn without script, and CSV; for the partnership's coordinators and its heads. The
partnership page draws the same for its members."""

import datetime

import pytest
from django.utils import timezone

from events.models import Attendance
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
)


def url(partnership) -> str:
    return f"/events/participation/{partnership.slug}/"


def mark(event, person, status):
    Attendance.objects.create(event=event, person=person, school=person.school, status=status)


@pytest.fixture
def marked(partnership, school, other_school, group):
    """Two held meetings of the SEND network: `school` came to both, `other_school` sent
    apologies once and was absent once."""
    ours, theirs = PersonFactory(school=school), PersonFactory(school=other_school)
    for days in (30, 60):
        event = EventFactory(
            network_group=group,
            partnership=partnership,
            starts_at=timezone.now() - datetime.timedelta(days=days),
        )
        mark(event, ours, "attended")
        mark(event, theirs, "apologies" if days == 30 else "absent")
    return ours, theirs


def test_coordinator_reads_attendance_by_school_and_group(coordinator, partnership, marked):
    response = coordinator.get(url(partnership))
    assert response.status_code == 200
    schools = {
        r.name: (r.attended, r.apologies, r.absent, r.rate) for r in response.context["schools"]
    }
    assert schools == {
        "Abbeyfield Primary School": (2, 0, 0, 100),
        "Brookside Primary School": (0, 1, 1, 0),
    }
    groups = {r.name: (r.attended, r.marked, r.rate) for r in response.context["groups"]}
    assert groups == {"SEND network": (2, 4, 50)}
    html = response.content.decode()
    assert '<rect x="0" y="0" width="100" height="10">' in html  # the bar, drawn on the server
    assert '<th scope="row" data-label="School">Abbeyfield Primary School</th>' in html


def test_the_period_chooses_the_meetings(coordinator, partnership, marked):
    since = (timezone.localdate() - datetime.timedelta(days=45)).isoformat()
    response = coordinator.get(url(partnership), {"date_from": since})
    groups = {r.name: r.marked for r in response.context["groups"]}
    assert groups == {"SEND network": 2}


def test_cancelled_meetings_and_other_partnerships_do_not_count(coordinator, partnership, marked):
    elsewhere = EventFactory(
        network_group=NetworkGroupFactory(), starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    mark(elsewhere, marked[0], "absent")
    cancelled = EventFactory(
        partnership=partnership,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        cancelled_at=timezone.now() - datetime.timedelta(days=4),
    )
    mark(cancelled, marked[0], "absent")
    schools = {r.name: r.absent for r in coordinator.get(url(partnership)).context["schools"]}
    assert schools["Abbeyfield Primary School"] == 0


def test_a_bad_period_gets_a_message(coordinator, partnership, marked):
    response = coordinator.get(
        url(partnership), {"date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "The end must be on or after the start." in response.content.decode()
    response = coordinator.get(url(partnership), {"date_from": "0001-01-01"})
    assert response.status_code == 400


def test_the_csv_has_each_school_and_group(coordinator, partnership, marked):
    response = coordinator.get(f"/events/participation/{partnership.slug}.csv")
    text = response.getvalue().decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "By,Name,Attended,Absent with apologies,Absent,Marked,Rate (%)"
    assert "School,Abbeyfield Primary School,2,0,0,2,100" in lines
    assert "Group,SEND network,2,1,1,4,50" in lines


def test_a_head_of_a_member_school_reads_the_report(head, partnership, marked):
    assert head.get(url(partnership)).status_code == 200


def test_a_head_of_a_school_outside_the_partnership_is_refused(partnership, marked):
    from tests.conftest import sign_in

    far = SchoolFactory()
    client = sign_in(PersonFactory(school=far))
    far.headteacher = client.person
    far.save()
    MembershipFactory(school=far)  # a member of some other partnership
    assert client.get(url(partnership)).status_code == 403


@pytest.mark.parametrize("persona", ["staff", "outsider", "chair"])
def test_other_members_are_refused(request, persona, partnership):
    client = request.getfixturevalue(persona)
    assert client.get(url(partnership)).status_code == 403
    assert client.get(f"/events/participation/{partnership.slug}.csv").status_code == 403


def test_visitor_is_sent_to_sign_in(anonymous, partnership):
    assert "/accounts/login/" in anonymous.get(url(partnership))["Location"]


def test_the_partnership_page_draws_attendance_for_members_only(
    staff, anonymous, partnership, marked
):
    html = staff.get(partnership.get_absolute_url()).content.decode()
    assert "Attendance at meetings" in html
    assert (
        "Attendance at meetings"
        not in anonymous.get(partnership.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("rows", [1, 30])
def test_report_queries_do_not_grow_with_schools(
    coordinator, partnership, group, rows, django_assert_max_num_queries
):
    """One aggregate query by school and one by group: session, user, partnership (with
    whether the user coordinates it), the two aggregates: at most 6."""
    event = EventFactory(
        network_group=group,
        partnership=partnership,
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    for _ in range(rows):
        mark(event, PersonFactory(school=SchoolFactory()), "attended")
    with django_assert_max_num_queries(6):
        response = coordinator.get(url(partnership))
    assert len(response.context["schools"]) == rows
