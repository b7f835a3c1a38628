"""Occasions: creating one, its page and combined report, the CSV, and who may do what."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from events.models import Attendance, Event, Occasion
from events.occasions import OccasionError, occasion_create, occasion_report
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
)
from tests.occasions.conftest import evening

pytestmark = pytest.mark.django_db


def _url(partnership, on=None):
    return f"/events/occasions/new/{partnership.slug}/" + (f"?on={on}" if on else "")


def _rows(**rows):
    """The formset's data: rows={0: {...}, 1: {...}}."""
    data = {
        "rows-TOTAL_FORMS": "4",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "12",
    }
    for index, fields in rows.items():
        for name, value in fields.items():
            data[f"rows-{index[1:]}-{name}"] = value
    return data


# Creating -----------------------------------------------------------------------------------


def test_coordinator_sees_the_days_meetings_and_attaches_them(coordinator, partnership, clusters):
    starts = evening(14)
    planned = EventFactory(
        title="Cluster A writing",
        network_group=clusters[0],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    elsewhere = EventFactory(
        title="Another alliance's meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    day = starts.date().isoformat()
    page = coordinator.get(_url(partnership, day)).content.decode()
    assert "Cluster A writing" in page and elsewhere.title not in page
    response = coordinator.post(
        _url(partnership),
        {"title": "Town-wide writing evening", "on": day, "meetings": [planned.pk], **_rows()},
    )
    occasion = Occasion.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/events/occasions/{occasion.pk}/"
    )
    assert list(occasion.events.all()) == [planned]
    assert "Part of" in coordinator.get(f"/events/{planned.pk}/").content.decode()


def test_coordinator_creates_the_meetings_from_rows(coordinator, partnership, hosts, clusters):
    day = evening(21).date().isoformat()
    response = coordinator.post(
        _url(partnership),
        {
            "title": "Town-wide writing evening",
            "on": day,
            **_rows(
                r0={
                    "network_group": clusters[0].pk,
                    "title": "Writing: Cluster A",
                    "host_school": hosts[1].pk,
                    "starts": "18:00",
                    "ends": "19:30",
                },
                r1={
                    "title": "Writing: heads",
                    "host_school": hosts[2].pk,
                    "starts": "18:00",
                    "ends": "19:00",
                },
            ),
        },
    )
    assert response.status_code == 302
    made = list(Event.objects.order_by("title"))
    assert [(e.title, e.host_school, e.network_group) for e in made] == [
        ("Writing: Cluster A", hosts[1], clusters[0]),
        ("Writing: heads", hosts[2], None),
    ]
    assert all(e.occasion is not None and e.starts_at.hour == 18 for e in made)
    assert made[0].venue == hosts[1].name


def test_an_occasion_without_meetings_is_refused_with_the_form(coordinator, partnership):
    response = coordinator.post(
        _url(partnership), {"title": "Empty", "on": "2030-01-10", **_rows()}
    )
    assert response.status_code == 400
    assert "An occasion holds at least one meeting." in response.content.decode()
    assert not Occasion.objects.exists()


def test_a_row_that_ends_before_it_starts_is_refused(coordinator, partnership, hosts):
    response = coordinator.post(
        _url(partnership),
        {
            "title": "Evening",
            "on": "2030-01-10",
            **_rows(
                r0={"title": "X", "host_school": hosts[0].pk, "starts": "19:00", "ends": "18:00"}
            ),
        },
    )
    assert response.status_code == 400
    assert "A meeting ends after it starts." in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("host", ["outside", "0", "not-a-number"])
def test_a_host_school_outside_the_partnership_is_refused(
    coordinator, partnership, other_school, host
):
    chosen = str(other_school.pk) if host == "outside" else host
    response = coordinator.post(
        _url(partnership),
        {
            "title": "Evening",
            "on": "2030-01-10",
            **_rows(r0={"title": "X", "host_school": chosen, "starts": "18:00", "ends": "19:00"}),
        },
    )
    assert response.status_code == 400
    assert "Choose one of the options offered for “Host school”." in response.content.decode()
    assert not Event.objects.exists()


def test_a_bad_day_in_the_address_shows_no_meetings(coordinator, partnership):
    for bad in ("9999-99-99", "yesterday", "0001-01-01", "9999-12-31"):
        assert coordinator.get(_url(partnership, bad)).status_code == 200
    response = coordinator.post(_url(partnership), {"title": "X", "on": "9999-12-31", **_rows()})
    assert response.status_code == 400 and "Enter a date between" in response.content.decode()


def test_a_meeting_already_in_an_occasion_cannot_be_taken_twice(partnership, occasion):
    taken = occasion.events.first()
    with pytest.raises(OccasionError) as error:
        occasion_create(
            partnership=partnership,
            user=None,
            title="Again",
            description="",
            on=taken.starts_at.date(),
            attach=[taken],
        )
    assert error.value.code == "taken"


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_only_coordinators_create_occasions(persona, request, partnership):
    client = request.getfixturevalue(persona)
    assert client.get(_url(partnership)).status_code == 403
    assert client.post(_url(partnership), {"title": "X", "on": "2030-01-10"}).status_code == 403
    assert not Occasion.objects.exists()


def test_visitors_are_sent_to_sign_in_to_create(anonymous, partnership):
    assert anonymous.get(_url(partnership)).status_code == 302


# The page and the report --------------------------------------------------------------------


def test_the_page_lists_every_meeting_with_its_host_and_marks(staff, occasion, hosts):
    page = staff.get(f"/events/occasions/{occasion.pk}/").content.decode()
    for host in hosts:
        assert host.name in page
    assert page.count("4 marked") == 2 and page.count("Not yet") == 2
    # Staff do not read the participation report.
    assert "Attendance by school" not in page


def test_the_report_adds_the_schools_up_across_the_meetings(head, occasion, hosts):
    rows = occasion_report(occasion)
    assert [(r.name, r.attended, r.apologies, r.absent) for r in rows] == sorted(
        [(hosts[0].name, 2, 1, 1), (hosts[1].name, 2, 1, 1)]
    )
    page = head.get(f"/events/occasions/{occasion.pk}/").content.decode()
    assert "Attendance by school" in page and "All schools" in page


def test_a_cancelled_meeting_is_left_out_of_the_report(occasion):
    meeting = Attendance.objects.first().event
    meeting.cancelled_at = meeting.starts_at
    meeting.save()
    assert len(occasion_report(occasion)) == 1


def test_the_csv_has_a_row_per_school_and_a_total(coordinator, occasion, hosts):
    response = coordinator.get(f"/events/occasions/{occasion.pk}.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:4] == ["School", "Attended", "Absent with apologies", "Absent"]
    assert lines[-1] == ["All schools", "4", "2", "2", "8", "50"]
    assert len(lines) == 4


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_members_who_do_not_read_participation_get_no_csv(persona, request, occasion):
    client = request.getfixturevalue(persona)
    assert client.get(f"/events/occasions/{occasion.pk}.csv").status_code == 403


def test_the_public_sees_the_page_of_a_published_partnership(anonymous, occasion):
    page = anonymous.get(f"/events/occasions/{occasion.pk}/").content.decode()
    assert "Town-wide writing evening" in page and "Attendance by school" not in page


def test_an_unpublished_partnerships_occasion_is_not_found_by_visitors(
    anonymous, occasion, partnership
):
    partnership.is_published = False
    partnership.save()
    assert anonymous.get(f"/events/occasions/{occasion.pk}/").status_code == 404
    assert anonymous.get("/events/occasions/0/").status_code == 404


def test_the_page_costs_the_same_for_4_or_30_meetings(
    head, occasion, partnership, django_assert_num_queries
):
    """Each meeting's counts are subqueries of the one meeting query and the report is one
    aggregate; whether the user coordinates comes with the occasion's row: session, user,
    occasion, meetings, head check, report."""
    head.get(f"/events/occasions/{occasion.pk}/")
    with django_assert_num_queries(6) as small:
        head.get(f"/events/occasions/{occasion.pk}/")
    for n in range(26):
        school = SchoolFactory(name=f"Member {n:02}")
        MembershipFactory(school=school, partnership=partnership)
        meeting = EventFactory(
            partnership=partnership,
            host_school=school,
            occasion=occasion,
            starts_at=evening(-7),
            ends_at=evening(-7) + datetime.timedelta(hours=1),
        )
        Attendance.objects.create(
            event=meeting, person=PersonFactory(school=school), school=school, status="attended"
        )
    with django_assert_num_queries(len(small.captured_queries)):
        response = head.get(f"/events/occasions/{occasion.pk}/")
    assert "Member 25" in response.content.decode()


# The partnership page -----------------------------------------------------------------------


def test_the_partnership_page_lists_its_recent_occasion(anonymous, coordinator, occasion):
    page = anonymous.get(occasion.partnership.get_absolute_url()).content.decode()
    assert f'href="/events/occasions/{occasion.pk}/"' in page and "4 meetings" in page
    assert "Plan simultaneous meetings" not in page
    page = coordinator.get(occasion.partnership.get_absolute_url()).content.decode()
    assert f"/events/occasions/new/{occasion.partnership.slug}/" in page


def test_an_occasion_long_past_leaves_the_partnership_page(anonymous, occasion):
    occasion.events.update(
        starts_at=evening(-200), ends_at=evening(-200) + datetime.timedelta(hours=2)
    )
    page = anonymous.get(occasion.partnership.get_absolute_url()).content.decode()
    assert f"/events/occasions/{occasion.pk}/" not in page


# Adding meetings ----------------------------------------------------------------------------


def test_coordinator_adds_a_planned_meeting_and_a_new_one(coordinator, occasion, clusters, hosts):
    day = occasion.events.first().starts_at
    planned = EventFactory(
        title="Late addition",
        network_group=clusters[1],
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=1),
    )
    url = f"/events/occasions/{occasion.pk}/meetings/"
    assert "Late addition" in coordinator.get(url).content.decode()  # the occasion's day
    response = coordinator.post(
        url,
        {
            "on": timezone.localdate(day).isoformat(),
            "meetings": [planned.pk],
            **_rows(
                r0={
                    "title": "Writing: heads",
                    "host_school": hosts[2].pk,
                    "starts": "18:00",
                    "ends": "19:00",
                }
            ),
        },
    )
    assert response.status_code == 302
    assert occasion.events.count() == 6
    planned.refresh_from_db()
    assert planned.occasion == occasion


def test_nothing_to_add_is_refused_with_the_form(coordinator, occasion):
    day = timezone.localdate(occasion.events.first().starts_at).isoformat()
    response = coordinator.post(
        f"/events/occasions/{occasion.pk}/meetings/", {"on": day, **_rows()}
    )
    assert response.status_code == 400
    assert "Choose a meeting or fill in a row." in response.content.decode()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_only_coordinators_add_meetings(persona, request, occasion):
    client = request.getfixturevalue(persona)
    url = f"/events/occasions/{occasion.pk}/meetings/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"on": "2030-01-10"}).status_code == 403
    assert occasion.events.count() == 4


# Query counts of the forms and the CSV --------------------------------------------------------


def _more_members(partnership, n):
    for i in range(n):
        school = SchoolFactory(name=f"Member {i:02}")
        MembershipFactory(school=school, partnership=partnership)
        NetworkGroupFactory(partnership=partnership, name=f"Group {i:02}", slug=f"group-{i:02}")


def test_the_creation_page_costs_the_same_for_few_or_many_schools_and_groups(
    coordinator, partnership, occasion, django_assert_num_queries
):
    """The groups and schools are read once for the four rows: session, user, partnership,
    groups, schools, and the day's meetings when a day is chosen."""
    day = timezone.localtime(occasion.events.first().starts_at).date()
    coordinator.get(_url(partnership, day))
    with django_assert_num_queries(6) as small:
        coordinator.get(_url(partnership, day))
    _more_members(partnership, 20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = coordinator.get(_url(partnership, day))
    page = response.content.decode()
    assert page.count("Member 19") == 4 and page.count("Group 19") == 4


def test_the_add_page_costs_the_same_for_few_or_many_schools_and_groups(
    coordinator, partnership, occasion, django_assert_num_queries
):
    """Session, user, occasion (with whether the user coordinates), its meetings (for its
    day), that day's other meetings, groups, schools."""
    url = f"/events/occasions/{occasion.pk}/meetings/"
    coordinator.get(url)
    with django_assert_num_queries(7) as small:
        coordinator.get(url)
    _more_members(partnership, 20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = coordinator.get(url)
    assert response.content.decode().count("Member 19") == 4


def test_the_csv_costs_the_same_for_few_or_many_schools(
    head, occasion, partnership, django_assert_num_queries
):
    """Session, user, occasion (with whether the user coordinates), head check, report."""
    url = f"/events/occasions/{occasion.pk}.csv"
    with django_assert_num_queries(5) as small:
        b"".join(head.get(url).streaming_content)
    meeting = occasion.events.first()
    for i in range(20):
        school = SchoolFactory(name=f"Member {i:02}")
        Attendance.objects.create(
            event=meeting, person=PersonFactory(school=school), school=school, status="attended"
        )
    with django_assert_num_queries(len(small.captured_queries)):
        text = b"".join(head.get(url).streaming_content).decode()
    assert "Member 19" in text
