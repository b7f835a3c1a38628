"""The rota planner page: propose, edit, save as events; only coordinators may use it."""

import datetime

import pytest

from events.models import Event, Registration
from tests.factories import EventFactory, MembershipFactory, PersonFactory, SchoolFactory

SERIES = {
    "title": "SEND network",
    "kind": "network_meeting",
    "how": "half_term",
    "first_date": "2026-09-15",
    "count": "3",
    "dates": "",
    "starts_time": "15:45",
    "ends_time": "17:15",
    "venue": "",
    "capacity": "",
    "visitors_per_day": "2",
    "is_published": "on",
}


@pytest.fixture
def members(partnership, school):
    """Three member schools with heads and staff; a fourth that opted out of hosting."""
    schools = [school]
    for name in ("Brook Lane Primary", "Cedar Road Primary"):
        other = SchoolFactory(name=name)
        MembershipFactory(school=other, partnership=partnership)
        schools.append(other)
    opted_out = SchoolFactory(name="Zed Academy")
    MembershipFactory(school=opted_out, partnership=partnership, hosts_meetings=False)
    for s in [*schools, opted_out]:
        s.headteacher = PersonFactory(school=s, job_title="Headteacher")
        s.save()
        PersonFactory(school=s, job_title="Deputy headteacher")
    return schools, opted_out


def url(partnership, group=None) -> str:
    if group:
        return f"/events/rota/{partnership.slug}/{group.slug}/"
    return f"/events/rota/{partnership.slug}/"


def proposal(response) -> list[dict]:
    return [form.initial for form in response.context["formset"].forms]


def saved_rows(response) -> dict:
    """The proposal as the browser would send it back."""
    data = {**SERIES, "action": "save", "rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0"}
    rows = proposal(response)
    data["rows-TOTAL_FORMS"] = str(len(rows))
    for i, row in enumerate(rows):
        for key, value in row.items():
            if key == "visitors":
                data[f"rows-{i}-visitors"] = [str(v) for v in value]
            elif value is not None:
                data[f"rows-{i}-{key}"] = str(value)
    return data


def assert_saved_rows_refused(client, partnership, changes, reason: str, **series) -> None:
    """Propose a rota, change its rows (`changes(proposal_response)` gives the fields) and
    save: refused with `reason`, and no event is saved."""
    response = client.post(url(partnership), {**SERIES, **series, "action": "propose"})
    data = {**saved_rows(response), **series, **changes(response)}
    response = client.post(url(partnership), data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not Event.objects.exists()


def test_coordinator_gets_a_fair_proposal_skipping_schools_that_opted_out(
    coordinator, partnership, members
):
    schools, opted_out = members
    response = coordinator.post(url(partnership), {**SERIES, "action": "propose"})
    assert response.status_code == 200
    rows = proposal(response)
    assert [r["day"] for r in rows] == [
        datetime.date(2026, 9, 15),
        datetime.date(2026, 11, 17),
        datetime.date(2027, 1, 19),
    ]
    assert sorted(r["host"] for r in rows) == sorted(s.pk for s in schools)
    for row in rows:
        host = next(s for s in schools if s.pk == row["host"])
        assert row["chair"] == host.headteacher_id
        assert row["minute_taker"] not in (None, host.headteacher_id)
    assert "Zed Academy" in response.content.decode()  # named as not hosting
    assert opted_out.pk not in [r["host"] for r in rows]


def test_schools_that_hosted_least_go_first(coordinator, partnership, members):
    schools, _ = members
    for s in schools[:2]:
        EventFactory(partnership=partnership, host_school=s)
    response = coordinator.post(url(partnership), {**SERIES, "count": "1", "action": "propose"})
    assert proposal(response)[0]["host"] == schools[2].pk


def test_saving_the_edited_proposal_creates_the_events(coordinator, partnership, members):
    schools, opted_out = members
    response = coordinator.post(url(partnership), {**SERIES, "action": "propose"})
    data = saved_rows(response)
    data["rows-1-host"] = str(opted_out.pk)  # the coordinator may still choose anyone
    data["rows-1-chair"] = str(opted_out.headteacher_id)
    data["rows-1-minute_taker"] = ""
    response = coordinator.post(url(partnership), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/events/?")
    listed = coordinator.get(response["Location"]).content.decode()
    assert f"Partnership: {partnership.name} " in listed  # a name, never its id
    events = list(Event.objects.filter(partnership=partnership).order_by("starts_at"))
    assert [e.title for e in events] == [
        "SEND network (1 of 3)",
        "SEND network (2 of 3)",
        "SEND network (3 of 3)",
    ]
    assert events[1].host_school == opted_out and events[1].minute_taker is None
    assert events[1].venue == "Zed Academy"  # no venue given: the host school
    assert events[0].starts_at.hour == 14  # 15:45 BST is 14:45 UTC
    assert all(e.created_by == coordinator.user for e in events)


def test_group_chair_plans_for_their_group(group_chair, partnership, group, members):
    response = group_chair.post(url(partnership, group), {**SERIES, "action": "propose"})
    response = group_chair.post(url(partnership, group), saved_rows(response))
    assert response.status_code == 302
    assert Event.objects.filter(network_group=group).count() == 3


def test_given_dates_are_used_one_per_line(coordinator, partnership, members):
    data = {**SERIES, "how": "dates", "dates": "2026-12-01\n10/11/2026", "action": "propose"}
    rows = proposal(coordinator.post(url(partnership), data))
    assert [r["day"] for r in rows] == [datetime.date(2026, 11, 10), datetime.date(2026, 12, 1)]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"how": "dates", "dates": "  "}, "Give at least one date, one per line."),
        ({"how": "dates", "dates": "31/02/2027"}, "is not a date like"),
        ({"ends_time": "15:00"}, "The end must be after the start."),
        ({"first_date": ""}, "Give the date of the first meeting."),
    ],
)
def test_bad_series_are_refused_with_a_clear_message(
    coordinator, partnership, members, changes, message
):
    response = coordinator.post(url(partnership), {**SERIES, **changes, "action": "propose"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["formset"] is None


def test_a_saved_row_ending_before_it_starts_is_refused(coordinator, partnership, members):
    assert_saved_rows_refused(
        coordinator,
        partnership,
        lambda proposal: {"rows-0-ends": "09:00"},
        "The end must be after the start.",
    )


def test_saving_an_empty_rota_is_refused(coordinator, partnership, members):
    data = {**SERIES, "action": "save", "rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0"}
    response = coordinator.post(url(partnership), data)
    assert response.status_code == 400
    assert "The rota has no meetings" in response.content.decode()


def test_review_days_visit_each_school_once_and_register_the_visiting_heads(
    coordinator, partnership, members
):
    schools, opted_out = members
    everyone = sorted([*schools, opted_out], key=lambda s: s.name)
    data = {**SERIES, "kind": "review_day", "count": "4", "visitors_per_day": "2"}
    response = coordinator.post(url(partnership), {**data, "action": "propose"})
    rows = proposal(response)
    assert sorted(r["host"] for r in rows) == sorted(s.pk for s in everyone)
    heads = {s.pk: s.headteacher_id for s in everyone}
    assert all(heads[r["host"]] not in r["visitors"] for r in rows)

    response = coordinator.post(url(partnership), {**saved_rows(response), "kind": "review_day"})
    assert response.status_code == 302
    for event in Event.objects.filter(kind="review_day"):
        visitors = set(Registration.objects.filter(event=event).values_list("person", flat=True))
        assert len(visitors) == 2
        assert event.host_school.headteacher_id not in visitors


def test_a_head_cannot_be_sent_to_review_their_own_school(coordinator, partnership, members):
    from schools.models import School

    def hosts_own_head(proposal) -> dict:
        host = School.objects.get(pk=proposal.context["formset"].forms[0].initial["host"])
        return {"rows-0-visitors": [str(host.headteacher_id)]}

    assert_saved_rows_refused(
        coordinator,
        partnership,
        hosts_own_head,
        "own head cannot visit it",
        kind="review_day",
        count="4",
        visitors_per_day="1",
    )


def test_a_review_rota_needs_a_date_per_school(coordinator, partnership, members):
    data = {**SERIES, "kind": "review_day", "count": "2", "action": "propose"}
    response = coordinator.post(url(partnership), data)
    assert response.status_code == 400
    assert "give 4 dates (there are 2)" in response.content.decode()


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_non_coordinators_cannot_plan(request, persona, partnership, members):
    client = request.getfixturevalue(persona)
    assert client.get(url(partnership)).status_code == 403
    assert client.post(url(partnership), {**SERIES, "action": "propose"}).status_code == 403
    assert not Event.objects.exists()


def test_anonymous_is_sent_to_sign_in_to_plan(anonymous, partnership):
    response = anonymous.get(url(partnership))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_planner_refuses_other_methods(coordinator, partnership):
    assert coordinator.put(url(partnership)).status_code == 405


def test_chair_and_minute_taker_options_name_each_persons_school(coordinator, partnership, members):
    schools, _ = members
    response = coordinator.post(url(partnership), {**SERIES, "action": "propose"})
    head = schools[1].headteacher
    chairs = dict(
        choice
        for _, group in response.context["formset"].forms[0].fields["chair"].choices[1:]
        for choice in group
    )
    assert chairs[head.pk] == f"{head.display_name} (Brook Lane Primary)"
    assert f"{head.display_name} (Brook Lane Primary)" in response.content.decode()


def test_a_chair_from_outside_the_member_schools_is_refused(
    coordinator, partnership, members, outsider
):
    assert_saved_rows_refused(
        coordinator,
        partnership,
        lambda proposal: {"rows-0-chair": str(outsider.person.pk)},
        "Choose someone from the member schools.",
    )
