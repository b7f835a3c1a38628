"""The rota planner plans against term dates: "every half term" steps off closed days, given
dates in the holidays are flagged, and no school is proposed to host on its INSET day."""

import datetime

from schools.models import TermPeriod, TermPeriodKind
from tests.events.test_views_rota import SERIES, proposal, url
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory

D = datetime.date


def host_schools(partnership, school):
    schools = [school, SchoolFactory(name="Brook Lane Primary")]
    MembershipFactory(school=schools[1], partnership=partnership)
    for s in schools:
        s.headteacher = PersonFactory(school=s, job_title="Headteacher")
        s.save()
        PersonFactory(school=s, job_title="Deputy headteacher")
    return schools


def test_every_half_term_steps_off_an_alliance_inset_day(coordinator, partnership, school):
    host_schools(partnership, school)
    plain = proposal(coordinator.post(url(partnership), {**SERIES, "action": "propose"}))
    second = plain[1]["day"]
    TermPeriod.objects.create(kind=TermPeriodKind.INSET, first_day=second, last_day=second)
    moved = proposal(coordinator.post(url(partnership), {**SERIES, "action": "propose"}))
    assert moved[1]["day"] == second + datetime.timedelta(days=7)
    assert [row["day"] for row in moved][::2] == [row["day"] for row in plain][::2]


def test_given_dates_in_the_holidays_are_flagged(coordinator, partnership, school):
    host_schools(partnership, school)
    data = {**SERIES, "how": "dates", "dates": "2026-12-24\n2027-01-12", "action": "propose"}
    response = coordinator.post(url(partnership), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thu 24 Dec 2026 is in the school holidays: change it if the schools are closed." in body
    assert "Tue 12 Jan 2027" not in body


def test_no_school_is_proposed_to_host_on_its_own_inset_day(coordinator, partnership, school):
    schools = host_schools(partnership, school)
    data = {**SERIES, "how": "dates", "dates": "2027-01-12", "action": "propose"}
    first_host = proposal(coordinator.post(url(partnership), data))[0]["host"]
    closed = next(s for s in schools if s.pk == first_host)
    TermPeriod.objects.create(
        school=closed, kind=TermPeriodKind.INSET, first_day=D(2027, 1, 12), last_day=D(2027, 1, 12)
    )
    assert proposal(coordinator.post(url(partnership), data))[0]["host"] != closed.pk
