"""The demo's term dates (a year of the alliance's own, and one school's INSET days) and an
open availability poll in the Central cluster, answered by some of its heads."""

from __future__ import annotations

import datetime

from events.rota import ENGLAND_HALF_TERMS
from partnerships.models import Membership
from polls.models import Answer, Poll, PollAnswer, PollOption
from schools.calendar import calendar_for, school_year
from schools.models import TermPeriod, TermPeriodKind

TERM_NAMES = ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]
HOLIDAY_NAMES = ["October half term", "Christmas holiday", "February half term", "Easter holiday"]
HOLIDAY_NAMES += ["May half term"]


def build_term_dates(builder, schools) -> None:
    """This school year's half terms and holidays for the whole alliance (England's dates, as
    most local authorities keep them), and the first school's five INSET days."""
    year = school_year(builder.today)
    terms = [h for h in ENGLAND_HALF_TERMS if school_year(h.first_day) == year]
    if len(terms) != len(TERM_NAMES):
        return  # beyond the built-in dates: the demo runs without its own
    for name, term in zip(TERM_NAMES, terms, strict=True):
        builder._get_or_create(
            TermPeriod,
            school=None,
            local_authority="",
            kind=TermPeriodKind.TERM,
            first_day=term.first_day,
            defaults={"name": name, "last_day": term.last_day},
        )
    for name, before, after in zip(HOLIDAY_NAMES, terms, terms[1:], strict=False):
        builder._get_or_create(
            TermPeriod,
            school=None,
            local_authority="",
            kind=TermPeriodKind.HOLIDAY,
            first_day=before.last_day + datetime.timedelta(days=1),
            defaults={"name": name, "last_day": after.first_day - datetime.timedelta(days=1)},
        )
    # The first school's own INSET days: the first day of each term, and one in the spring.
    inset = [terms[0].first_day, terms[2].first_day, terms[3].first_day + datetime.timedelta(7)]
    inset += [terms[4].first_day, terms[5].first_day]
    for day in inset:
        builder._get_or_create(
            TermPeriod,
            school=schools[0],
            kind=TermPeriodKind.INSET,
            first_day=day,
            defaults={"name": "INSET day", "last_day": day},
        )


def _poll_dates(builder, count: int) -> list[datetime.datetime]:
    """`count` Tuesdays at 15:45 from three weeks ahead on, on days the alliance is open."""
    calendar = calendar_for(None)
    day = builder.today + datetime.timedelta(days=21)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    dates: list[datetime.datetime] = []
    while len(dates) < count:
        if not calendar.closed_reason(day):
            dates.append(builder._at(day, 15, 45))
        day += datetime.timedelta(weeks=1)
    return dates


def build_polls(builder, clusters, heads) -> None:
    """The Central cluster's coordinator asks its schools for the date of a heads' meeting;
    four heads have answered."""
    central = clusters["Central"]
    memberships = list(
        Membership.objects.current().filter(partnership=central).order_by("school__name")
    )
    coordinator = next((m.coordinator for m in memberships if m.coordinator), None)
    poll = builder._get_or_create(
        Poll,
        partnership=central,
        network_group=None,
        title="Central cluster heads' meeting",
        defaults={"duration_minutes": 90, "created_by": coordinator},
    )
    if poll.options.exists():
        return
    options = [PollOption.objects.create(poll=poll, starts_at=at) for at in _poll_dates(builder, 3)]
    builder.created += len(options)
    patterns = [
        (Answer.YES, Answer.IF_NEED_BE, Answer.NO),
        (Answer.NO, Answer.YES, Answer.YES),
        (Answer.YES, Answer.YES, Answer.NO),
        (Answer.IF_NEED_BE, Answer.YES, Answer.IF_NEED_BE),
    ]
    for membership, answers in zip(memberships[1:], patterns, strict=False):
        head = heads.get(membership.school_id)
        if head is None:
            continue
        for option, answer in zip(options, answers, strict=True):
            PollAnswer.objects.create(option=option, person=head, answer=answer)
            builder.created += 1
