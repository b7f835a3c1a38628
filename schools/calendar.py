"""A school's effective calendar: when it is in term, on holiday, or closed for INSET.

For each school year (1 September to 31 August) the half terms and holidays come from the
first of these that has half terms that year: the school's own dates, its local authority's,
the alliance's; failing all three, England's default half terms (events.rota). INSET days are
chosen the same way on their own, so a school that records only its INSET days keeps its
local authority's or the alliance's terms. Pure reads: the rows come from
TermPeriod.objects.for_schools (one query for any number of schools).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.rota import ENGLAND_HALF_TERMS, HalfTerm
from schools.models import School
from schools.term_models import TermPeriod, TermPeriodKind

Kind = TermPeriodKind


def school_year(day: datetime.date) -> int:
    """The calendar year in which `day`'s school year began (September)."""
    return day.year if day.month >= 9 else day.year - 1


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: datetime.date
    last_day: datetime.date
    name: str = ""

    def __contains__(self, day: datetime.date) -> bool:
        return self.first_day <= day <= self.last_day


_ENGLAND = tuple(Period(Kind.TERM, h.first_day, h.last_day) for h in ENGLAND_HALF_TERMS)


@dataclass(frozen=True)
class Calendar:
    """The dates of one owner chain (school, local authority, alliance), best first."""

    layers: tuple[tuple[Period, ...], ...]

    def _first_layer_with(self, kind: str, year: int) -> tuple[Period, ...]:
        for layer in self.layers:
            if any(p.kind == kind and school_year(p.first_day) == year for p in layer):
                return tuple(p for p in layer if school_year(p.first_day) == year)
        return ()

    def _terms(self, year: int) -> tuple[Period, ...]:
        """Half terms and holidays of `year`'s chosen owner (England's half terms if none)."""
        chosen = self._first_layer_with(Kind.TERM, year)
        if chosen:
            return tuple(p for p in chosen if p.kind in (Kind.TERM, Kind.HOLIDAY))
        return tuple(p for p in _ENGLAND if school_year(p.first_day) == year)

    def _inset(self, year: int) -> tuple[Period, ...]:
        return tuple(p for p in self._first_layer_with(Kind.INSET, year) if p.kind == Kind.INSET)

    def closed_reason(self, day: datetime.date) -> str:
        """Why the school is closed to a meeting on `day` ("" when it is open, or when no
        calendar covers that year)."""
        year = school_year(day)
        for inset in self._inset(year):
            if day in inset:
                return f"{day:%a %-d %b %Y} is an INSET day"
        periods = self._terms(year)
        for holiday in (p for p in periods if p.kind == Kind.HOLIDAY):
            if day in holiday:
                return f"{day:%a %-d %b %Y} is in the {holiday.name or 'holiday'}"
        terms = [p for p in periods if p.kind == Kind.TERM]
        if terms and not any(day in term for term in terms):
            return f"{day:%a %-d %b %Y} is in the school holidays"
        return ""

    def half_terms(self) -> tuple[HalfTerm, ...]:
        """Every half term this calendar knows, in order, for planning "every half term"."""
        years = {school_year(p.first_day) for p in _ENGLAND}
        years |= {school_year(p.first_day) for layer in self.layers for p in layer}
        terms = [p for year in sorted(years) for p in self._terms(year) if p.kind == Kind.TERM]
        return tuple(HalfTerm(p.first_day, p.last_day) for p in sorted(terms, key=_first))

    def closed_days(self, days: Iterable[datetime.date]) -> dict[datetime.date, str]:
        return {day: reason for day in days if (reason := self.closed_reason(day))}

    @property
    def closed(self) -> ClosedDays:
        """`day in calendar.closed`: the school is closed that day."""
        return ClosedDays(self)


@dataclass(frozen=True)
class ClosedDays:
    calendar: Calendar

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and bool(self.calendar.closed_reason(day))


def _first(period: Period) -> datetime.date:
    return period.first_day


def _period(row: TermPeriod) -> Period:
    return Period(row.kind, row.first_day, row.last_day, row.name)


def calendars(
    schools: Sequence, rows: Iterable[TermPeriod] | None = None
) -> dict[int | None, Calendar]:
    """The calendar of each school (by id), and the alliance's own under None.

    `rows` defaults to TermPeriod.objects.for_schools(schools): one query.
    """
    if rows is None:
        rows = TermPeriod.objects.for_schools(schools)
    own: dict[int, list[Period]] = {}
    authority: dict[str, list[Period]] = {}
    alliance: list[Period] = []
    for row in rows:
        if row.school_id:
            own.setdefault(row.school_id, []).append(_period(row))
        elif row.local_authority:
            authority.setdefault(row.local_authority, []).append(_period(row))
        else:
            alliance.append(_period(row))
    result: dict[int | None, Calendar] = {None: Calendar((tuple(alliance),))}
    for school in schools:
        result[school.pk] = Calendar(
            (
                tuple(own.get(school.pk, ())),
                tuple(authority.get(school.local_authority, ()) if school.local_authority else ()),
                tuple(alliance),
            )
        )
    return result


def calendar_for(school=None) -> Calendar:
    """One school's calendar, or the alliance's when `school` is None: one query."""
    schools = [school] if school is not None else []
    return calendars(schools)[school.pk if school is not None else None]


def closed_days_by_school(
    school_ids: Sequence[int], days: Sequence[datetime.date]
) -> dict[int, dict[datetime.date, str]]:
    """For each school, which of `days` it is closed (holiday or INSET) and why: two queries."""
    schools = list(School.objects.filter(pk__in=school_ids).only("pk", "local_authority"))
    found = calendars(schools)
    return {school.pk: found[school.pk].closed_days(days) for school in schools}
