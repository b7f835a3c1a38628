"""Planning meeting series: dates, rotating hosts, chairs and minute-takers, review days.

Pure functions over plain values: no database, no request. The rota view gathers the facts
(member schools, their heads and staff, who hosted before), calls these, and shows the
proposal for the coordinator to edit before anything is saved.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Collection, Container, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T", bound=Hashable)

# England's default half terms: the first and last day of each of the six half terms of a
# school year. A default for planning "every half term", not any school's own dates (academies
# and local authorities set their own; schools add INSET days).
_HALF_TERMS = """
2024-09-02 2024-10-25
2024-11-04 2024-12-20
2025-01-06 2025-02-14
2025-02-24 2025-04-04
2025-04-22 2025-05-23
2025-06-02 2025-07-22
2025-09-01 2025-10-24
2025-11-03 2025-12-19
2026-01-05 2026-02-13
2026-02-23 2026-03-27
2026-04-13 2026-05-22
2026-06-01 2026-07-22
2026-09-01 2026-10-23
2026-11-02 2026-12-18
2027-01-04 2027-02-12
2027-02-22 2027-03-26
2027-04-12 2027-05-28
2027-06-07 2027-07-21
2027-09-01 2027-10-22
2027-11-01 2027-12-17
2028-01-04 2028-02-18
2028-02-28 2028-04-07
2028-04-24 2028-05-26
2028-06-05 2028-07-21
"""


@dataclass(frozen=True)
class HalfTerm:
    first_day: datetime.date
    last_day: datetime.date


ENGLAND_HALF_TERMS: tuple[HalfTerm, ...] = tuple(
    HalfTerm(*(datetime.date.fromisoformat(day) for day in line.split()))
    for line in _HALF_TERMS.strip().splitlines()
)
WEEK = datetime.timedelta(days=7)


class RotaError(ValueError):
    """The series cannot be planned as asked; the message says why, for the coordinator."""


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def every_half_term(
    start: datetime.date,
    count: int,
    *,
    half_terms: Sequence[HalfTerm] = ENGLAND_HALF_TERMS,
    closed: Container[datetime.date] = (),
) -> list[datetime.date]:
    """`count` dates, one per half term, starting with `start`.

    Each later meeting falls in the same week of its half term and on the same weekday as the
    first (the third Tuesday stays the third Tuesday), moved back a week at a time when that
    half term is shorter. A later date in `closed` (an INSET day, a holiday inside the term)
    moves to the nearest week of the same half term that is open, the week after first.
    """
    if count < 1:
        raise RotaError("A series needs at least one meeting.")
    index = bisect.bisect_right([h.first_day for h in half_terms], start) - 1
    if index < 0 or start > half_terms[-1].last_day:
        raise RotaError(
            f"The built-in calendar covers {half_terms[0].first_day:%-d %B %Y} to "
            f"{half_terms[-1].last_day:%-d %B %Y}; give the dates instead."
        )
    if start > half_terms[index].last_day:
        raise RotaError(f"{start:%-d %B %Y} is in a school holiday; choose a term-time date.")
    offset = start - _monday(half_terms[index].first_day)
    dates = [start]
    for step in range(1, count):
        position = index + step
        if position >= len(half_terms):
            raise RotaError(
                f"The built-in calendar ends on {half_terms[-1].last_day:%-d %B %Y}; plan "
                "fewer meetings or give the dates instead."
            )
        term = half_terms[position]
        day = max(_monday(term.first_day) + offset, term.first_day)
        while day > term.last_day and day - WEEK >= term.first_day:
            day -= WEEK
        dates.append(_open_week(min(day, term.last_day), term, closed))
    return dates


def _open_week(day: datetime.date, term: HalfTerm, closed: Container[datetime.date]):
    if day not in closed:
        return day
    for weeks in range(1, 8):
        for candidate in (day + weeks * WEEK, day - weeks * WEEK):
            if term.first_day <= candidate <= term.last_day and candidate not in closed:
                return candidate
    return day


def parse_dates(text: str) -> list[datetime.date]:
    """Dates given one per line (2026-11-17 or 17/11/2026), sorted, duplicates dropped."""
    dates: set[datetime.date] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"):
            try:
                dates.add(datetime.datetime.strptime(line, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise RotaError(
                f"Line {number}, {line!r}, is not a date like 2026-11-17 or 17/11/2026."
            )
    if not dates:
        raise RotaError("Give at least one date, one per line.")
    return sorted(dates)


def rotate_hosts(
    candidates: Sequence[T], count: int, *, hosted_before: Mapping[T, int] | None = None
) -> list[T]:
    """Hosts for `count` meetings, in turn: every candidate hosts once before any hosts twice.

    `hosted_before` counts earlier meetings each candidate hosted: those who hosted least go
    first, so a new series carries on fairly where the last one stopped. Ties keep the order
    of `candidates`.
    """
    if not candidates:
        raise RotaError("No member school hosts meetings: there is nobody to host.")
    hosted_before = hosted_before or {}
    order = sorted(range(len(candidates)), key=lambda i: (hosted_before.get(candidates[i], 0), i))
    return [candidates[order[n % len(order)]] for n in range(count)]


@dataclass(frozen=True)
class HostSchool:
    """What the planner needs to know about a school that may host."""

    id: int
    name: str
    head_id: int | None
    # Staff who could take minutes, best first (e.g. group members before others).
    staff_ids: Sequence[int] = field(default_factory=tuple)


@dataclass(frozen=True)
class ProposedMeeting:
    day: datetime.date
    host: HostSchool
    chair_id: int | None
    minute_taker_id: int | None


def default_chair(host: HostSchool) -> int | None:
    """The host's headteacher chairs; without one, the first of its staff."""
    if host.head_id is not None:
        return host.head_id
    return host.staff_ids[0] if host.staff_ids else None


def default_minute_taker(host: HostSchool, chair_id: int | None, turn: int = 0) -> int | None:
    """Someone else at the host school, taking turns when the school hosts again."""
    others = [pk for pk in host.staff_ids if pk != chair_id]
    if not others:
        return None
    return others[turn % len(others)]


def _avoid_closed(
    days: Sequence[datetime.date],
    hosts: list[HostSchool],
    candidates: Sequence[HostSchool],
    closed: Mapping[int, Collection[datetime.date]],
) -> list[HostSchool]:
    """Hosts who are closed on their day (an INSET day, a holiday of their own) swap with a
    later host who is open on it and can take theirs; failing that, the first candidate open
    that day hosts. A day on which every candidate is closed keeps its host."""
    hosts = list(hosts)

    def is_open(host: HostSchool, day: datetime.date) -> bool:
        return day not in closed.get(host.id, ())

    for i, day in enumerate(days):
        if is_open(hosts[i], day):
            continue
        for j in range(i + 1, len(days)):
            if is_open(hosts[j], day) and is_open(hosts[i], days[j]):
                hosts[i], hosts[j] = hosts[j], hosts[i]
                break
        else:
            hosts[i] = next((c for c in candidates if is_open(c, day)), hosts[i])
    return hosts


def propose_series(
    days: Sequence[datetime.date],
    schools: Sequence[HostSchool],
    *,
    hosted_before: Mapping[int, int] | None = None,
    closed: Mapping[int, Collection[datetime.date]] | None = None,
) -> list[ProposedMeeting]:
    """A host, chair and minute-taker for each day, rotating fairly over `schools`.

    `closed` names the days each school (by id) cannot host: no school hosts on one of its
    own INSET days or holidays while another can.
    """
    hosts = rotate_hosts(
        list(schools),
        len(days),
        hosted_before={s: (hosted_before or {}).get(s.id, 0) for s in schools},
    )
    if closed:
        order = sorted(schools, key=lambda s: (hosted_before or {}).get(s.id, 0))
        hosts = _avoid_closed(days, hosts, order, closed)
    turns: dict[int, int] = {}
    proposal = []
    for day, host in zip(days, hosts, strict=True):
        chair = default_chair(host)
        turn = turns.get(host.id, 0)
        turns[host.id] = turn + 1
        proposal.append(ProposedMeeting(day, host, chair, default_minute_taker(host, chair, turn)))
    return proposal


@dataclass(frozen=True)
class ReviewVisit:
    school: HostSchool
    visitor_ids: tuple[int, ...]


def review_day_rota(schools: Sequence[HostSchool], visitors_per_day: int) -> list[ReviewVisit]:
    """Each school is visited once, by the heads of the next `visitors_per_day` schools.

    Reading the schools as a circle, school i is visited by the heads of schools i+1, i+2...:
    its own head is never among its visitors, every head visits the same number of schools,
    and no head visits the same school twice. Schools without a head are visited but send
    nobody, so their day may have fewer visitors.
    """
    if visitors_per_day < 0:
        raise RotaError("The number of visitors cannot be negative.")
    if schools and visitors_per_day > len(schools) - 1:
        raise RotaError(
            f"With {len(schools)} schools, each can be visited by at most "
            f"{len(schools) - 1} other heads."
        )
    rota = []
    n = len(schools)
    for i, school in enumerate(schools):
        visitors = []
        for step in range(1, visitors_per_day + 1):
            head = schools[(i + step) % n].head_id
            if head is not None and head != school.head_id and head not in visitors:
                visitors.append(head)
        rota.append(ReviewVisit(school, tuple(visitors)))
    return rota
