"""A school's effective calendar: its own dates, else its local authority's, else the
alliance's, else England's half terms; INSET days chosen the same way on their own."""

import datetime

from schools.calendar import calendar_for, calendars, school_year
from schools.models import TermPeriod, TermPeriodKind
from tests.factories import SchoolFactory

D = datetime.date
TERM, HOLIDAY, INSET = TermPeriodKind.TERM, TermPeriodKind.HOLIDAY, TermPeriodKind.INSET


def period(kind, first, last=None, **owner) -> TermPeriod:
    return TermPeriod.objects.create(kind=kind, first_day=first, last_day=last or first, **owner)


def test_school_year_starts_in_september():
    assert school_year(D(2027, 8, 31)) == 2026
    assert school_year(D(2027, 9, 1)) == 2027


def test_without_term_dates_englands_half_terms_decide(db):
    calendar = calendar_for(None)
    assert calendar.closed_reason(D(2027, 1, 12)) == ""
    assert calendar.closed_reason(D(2026, 12, 24)) == "Thu 24 Dec 2026 is in the school holidays"
    # Beyond every known calendar nothing is assumed.
    assert calendar.closed_reason(D(2031, 1, 14)) == ""


def test_alliance_dates_replace_englands_for_their_year(db):
    period(TERM, D(2027, 1, 11), D(2027, 2, 12))  # starts a week later than England's
    period(HOLIDAY, D(2027, 1, 29), name="Alliance closure day")
    calendar = calendar_for(None)
    assert "school holidays" in calendar.closed_reason(D(2027, 1, 5))
    assert (
        calendar.closed_reason(D(2027, 1, 29)) == "Fri 29 Jan 2027 is in the Alliance closure day"
    )
    assert calendar.closed_reason(D(2027, 1, 12)) == ""
    # Another school year still follows England.
    assert calendar.closed_reason(D(2027, 9, 14)) == ""


def test_own_dates_then_local_authority_then_alliance(db):
    own = SchoolFactory(local_authority="Eastshire")
    county = SchoolFactory(local_authority="Eastshire")
    elsewhere = SchoolFactory(local_authority="Westshire")
    period(TERM, D(2027, 1, 4), D(2027, 2, 12))
    period(TERM, D(2027, 1, 6), D(2027, 2, 12), local_authority="Eastshire")
    period(TERM, D(2027, 1, 7), D(2027, 2, 12), school=own)
    found = calendars([own, county, elsewhere])
    assert found[elsewhere.pk].closed_reason(D(2027, 1, 4)) == ""
    assert found[county.pk].closed_reason(D(2027, 1, 4)) != ""
    assert found[county.pk].closed_reason(D(2027, 1, 6)) == ""
    assert found[own.pk].closed_reason(D(2027, 1, 6)) != ""
    assert found[own.pk].closed_reason(D(2027, 1, 7)) == ""


def test_a_school_with_only_inset_days_keeps_the_alliance_terms(db):
    school = SchoolFactory()
    period(TERM, D(2027, 1, 4), D(2027, 2, 12))
    period(INSET, D(2027, 1, 4), D(2027, 1, 5), school=school)
    calendar = calendar_for(school)
    assert calendar.closed_reason(D(2027, 1, 5)) == "Tue 5 Jan 2027 is an INSET day"
    assert calendar.closed_reason(D(2027, 1, 6)) == ""
    assert "school holidays" in calendar.closed_reason(D(2026, 12, 30))
    assert calendar_for(None).closed_reason(D(2027, 1, 5)) == ""  # the alliance's own


def test_half_terms_mix_loaded_years_with_englands(db):
    period(TERM, D(2027, 1, 11), D(2027, 2, 12))
    half_terms = calendar_for(None).half_terms()
    firsts = [h.first_day for h in half_terms]
    assert D(2027, 1, 11) in firsts and D(2027, 1, 4) not in firsts
    # England's other years stay: 2026-27 now has only the loaded half term, 2027-28 six.
    assert D(2027, 9, 1) in firsts and D(2026, 11, 2) not in firsts
    assert firsts == sorted(firsts)


def test_closed_days_reads_as_a_container(db):
    closed = calendar_for(None).closed
    assert D(2026, 12, 25) in closed and D(2027, 1, 12) not in closed
