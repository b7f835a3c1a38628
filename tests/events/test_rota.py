"""The rota planner's pure functions: dates, fair hosting, chairs, minute-takers, review days."""

import datetime
import itertools
import random
from collections import Counter

import pytest

from events.rota import (
    ENGLAND_HALF_TERMS,
    HostSchool,
    RotaError,
    default_minute_taker,
    every_half_term,
    parse_dates,
    propose_series,
    review_day_rota,
    rotate_hosts,
)

D = datetime.date


def schools(n: int, *, staff: int = 3, heads: bool = True) -> list[HostSchool]:
    return [
        HostSchool(
            id=i,
            name=f"School {i}",
            head_id=1000 + i if heads else None,
            staff_ids=tuple(10_000 + i * 100 + s for s in range(staff)),
        )
        for i in range(1, n + 1)
    ]


def test_every_half_term_keeps_the_week_and_weekday_of_each_half_term():
    dates = every_half_term(D(2026, 9, 15), 6)  # the third Tuesday of the autumn term
    assert dates == [
        D(2026, 9, 15),
        D(2026, 11, 17),
        D(2027, 1, 19),
        D(2027, 3, 9),
        D(2027, 4, 27),
        D(2027, 6, 22),
    ]
    assert {d.weekday() for d in dates} == {1}


def test_every_half_term_gives_one_date_inside_each_following_half_term():
    for start_term in range(0, len(ENGLAND_HALF_TERMS) - 6):
        term = ENGLAND_HALF_TERMS[start_term]
        for offset in range(0, (term.last_day - term.first_day).days + 1, 3):
            start = term.first_day + datetime.timedelta(days=offset)
            dates = every_half_term(start, 6)
            for date, half_term in zip(dates, ENGLAND_HALF_TERMS[start_term:], strict=False):
                assert half_term.first_day <= date <= half_term.last_day, (start, date)


def test_every_half_term_refuses_a_start_in_the_holidays_or_beyond_the_calendar():
    with pytest.raises(RotaError, match="holiday"):
        every_half_term(D(2026, 8, 10), 3)
    with pytest.raises(RotaError, match="give the dates instead"):
        every_half_term(D(2030, 1, 10), 3)
    with pytest.raises(RotaError, match="ends on"):
        every_half_term(D(2028, 4, 25), 6)
    with pytest.raises(RotaError, match="at least one"):
        every_half_term(D(2026, 9, 15), 0)


def test_parse_dates_reads_one_date_per_line_in_either_format():
    text = "17/11/2026\n\n2026-09-15\n 2026-09-15 \n"
    assert parse_dates(text) == [D(2026, 9, 15), D(2026, 11, 17)]


def test_parse_dates_refuses_an_empty_series_and_says_which_line_is_wrong():
    with pytest.raises(RotaError, match="at least one date"):
        parse_dates("  \n ")
    with pytest.raises(RotaError, match="Line 2, 'next Tuesday'"):
        parse_dates("2026-09-15\nnext Tuesday")


@pytest.mark.parametrize("n", range(1, 16))
def test_each_school_hosts_before_any_school_hosts_twice(n):
    for count in range(1, 3 * n + 2):
        hosts = rotate_hosts(list(range(n)), count)
        counts = Counter(hosts)
        assert max(counts.values()) - min(counts.get(s, 0) for s in range(n)) <= 1
        # Every prefix is fair too: nobody's second turn before everyone's first.
        for k in range(1, count + 1):
            prefix = Counter(hosts[:k])
            if max(prefix.values()) >= 2:
                assert len(prefix) == n


def test_hosting_carries_on_from_who_hosted_before():
    hosts = rotate_hosts(["a", "b", "c", "d"], 4, hosted_before={"a": 2, "b": 1, "c": 2})
    assert hosts == ["d", "b", "a", "c"]


def test_rotation_with_nobody_to_host_is_refused():
    with pytest.raises(RotaError, match="nobody to host"):
        rotate_hosts([], 3)


def test_the_proposal_gives_the_host_head_as_chair_and_someone_else_as_minute_taker():
    members = schools(3)
    days = [D(2026, 9, 15) + datetime.timedelta(weeks=6 * i) for i in range(6)]
    proposal = propose_series(days, members)
    assert [m.day for m in proposal] == days
    for meeting in proposal:
        assert meeting.chair_id == meeting.host.head_id
        assert meeting.minute_taker_id in meeting.host.staff_ids
        assert meeting.minute_taker_id != meeting.chair_id
    # A school hosting again gives the minutes to someone else this time.
    first_school = [m for m in proposal if m.host.id == 1]
    assert first_school[0].minute_taker_id != first_school[1].minute_taker_id


def test_a_school_without_a_head_is_chaired_by_its_first_staff_member():
    host = schools(1, heads=False)[0]
    (meeting,) = propose_series([D(2026, 9, 15)], [host])
    assert meeting.chair_id == host.staff_ids[0]
    assert meeting.minute_taker_id == host.staff_ids[1]


def test_a_school_whose_only_staff_member_chairs_has_no_minute_taker():
    assert default_minute_taker(HostSchool(1, "Tiny", 7, (7,)), chair_id=7) is None


@pytest.mark.parametrize("n", range(2, 31))
def test_review_day_rota_visits_every_school_once_never_by_its_own_head(n):
    members = schools(n)
    head_of = {s.id: s.head_id for s in members}
    for visitors in range(0, min(n - 1, 6) + 1):
        rota = review_day_rota(members, visitors)
        assert sorted(v.school.id for v in rota) == [s.id for s in members]
        visits = Counter()
        for visit in rota:
            assert head_of[visit.school.id] not in visit.visitor_ids
            assert len(visit.visitor_ids) == len(set(visit.visitor_ids)) == visitors
            visits.update(visit.visitor_ids)
        # Every head does the same share of visiting.
        assert all(visits[h] == visitors for h in head_of.values()) or visitors == 0


def test_review_day_rota_with_random_missing_heads_still_never_sends_a_head_home():
    rng = random.Random(6)
    for n, visitors in itertools.product(range(2, 20), range(0, 4)):
        if visitors > n - 1:
            continue
        members = [
            HostSchool(i, f"S{i}", None if rng.random() < 0.3 else 500 + i) for i in range(n)
        ]
        for visit in review_day_rota(members, visitors):
            assert visit.school.head_id not in visit.visitor_ids or visit.school.head_id is None
            assert None not in visit.visitor_ids
            assert len(visit.visitor_ids) <= visitors


def test_review_day_rota_refuses_more_visitors_than_other_schools():
    with pytest.raises(RotaError, match="at most 2 other heads"):
        review_day_rota(schools(3), 3)


def test_every_half_term_moves_a_later_meeting_off_a_closed_day():
    dates = every_half_term(D(2026, 9, 15), 3)
    moved = every_half_term(D(2026, 9, 15), 3, closed={dates[1]})
    assert moved[0] == dates[0] and moved[2] == dates[2]
    assert moved[1] == dates[1] + datetime.timedelta(days=7)


def test_a_host_closed_on_its_day_swaps_with_a_later_host():
    hosts = schools(3)
    days = [D(2026, 9, 15), D(2026, 11, 10), D(2027, 1, 12)]
    plain = [m.host.id for m in propose_series(days, hosts)]
    closed = {plain[0]: {days[0]}}
    moved = [m.host.id for m in propose_series(days, hosts, closed=closed)]
    assert moved[0] != plain[0] and sorted(moved) == sorted(plain)
    assert moved[0] not in closed or days[0] not in closed[moved[0]]


def test_when_every_host_is_closed_the_day_keeps_its_host():
    hosts = schools(2)
    day = D(2026, 9, 15)
    closed = {s.id: {day} for s in hosts}
    assert (
        propose_series([day], hosts, closed=closed)[0].host == propose_series([day], hosts)[0].host
    )
