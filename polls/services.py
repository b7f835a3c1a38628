"""Writes of availability polls: opening one, answering it, and fixing its date as a meeting.

Fixing locks the poll's row (SELECT ... FOR UPDATE): two coordinators pressing "Fix this date"
at once make one meeting, and the second is told the poll is closed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from events.models import Event, EventKind
from events.planning import rota_facts
from events.rota import propose_series
from events.services import SeriesRow, event_series_create
from partnerships.models import NetworkGroup, Partnership
from people.models import Person
from polls.models import MAX_OPTIONS, MIN_OPTIONS, Answer, Poll, PollAnswer, PollOption
from schools.calendar import closed_days_by_school


class PollError(Exception):
    """A request the poll cannot take, with a code views and tests can match."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@transaction.atomic
def poll_create(
    *,
    partnership: Partnership,
    group: NetworkGroup | None,
    title: str,
    duration_minutes: int,
    starts: Sequence[datetime.datetime],
    venue: str = "",
    created_by: Person | None,
) -> Poll:
    """Open a poll on 2 to 8 different times (the form has checked them against term dates)."""
    if group is not None and group.partnership_id != partnership.pk:
        raise PollError("The group is not part of this partnership.", code="wrong_group")
    distinct = sorted(set(starts))
    if not MIN_OPTIONS <= len(distinct) <= MAX_OPTIONS:
        raise PollError(
            f"Propose between {MIN_OPTIONS} and {MAX_OPTIONS} different dates.", code="options"
        )
    poll = Poll(
        partnership=partnership,
        network_group=group,
        title=title,
        duration_minutes=duration_minutes,
        venue=venue,
        created_by=created_by,
    )
    poll.full_clean()
    poll.save()
    PollOption.objects.bulk_create(PollOption(poll=poll, starts_at=at) for at in distinct)
    return poll


@transaction.atomic
def poll_answer(*, poll: Poll, option: PollOption, person: Person, answer: str) -> PollAnswer:
    """Record (or change) `person`'s answer for one date of an open poll."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if not poll.is_open:
        raise PollError("This poll is closed: its date is fixed.", code="closed")
    if option.poll_id != poll.pk:
        raise PollError("That date is not one of this poll's.", code="wrong_option")
    if answer not in Answer.values:
        raise PollError("Answer yes, if need be or no.", code="answer")
    row, _ = PollAnswer.objects.update_or_create(
        option=option, person=person, defaults={"answer": answer}
    )
    return row


@dataclass(frozen=True)
class Tally:
    """One date's answers, for the poll page and for choosing the best date."""

    option: PollOption
    yes: list[Person]
    if_need_be: list[Person]
    no: list[Person]

    @property
    def score(self) -> tuple[int, int]:
        return (len(self.yes), len(self.if_need_be))


def tallies(options: Sequence[PollOption]) -> list[Tally]:
    """Each date's people by answer (options read with options_with_answers)."""
    result = []
    for option in options:
        by_answer: dict[str, list[Person]] = {value: [] for value in Answer.values}
        for row in option.answers.all():
            by_answer[row.answer].append(row.person)
        result.append(
            Tally(option, by_answer[Answer.YES], by_answer[Answer.IF_NEED_BE], by_answer[Answer.NO])
        )
    return result


def best(found: Sequence[Tally]) -> Tally | None:
    """The date most can come to: most yes, then most if need be, then the earliest. None
    until someone can come to some date."""
    candidates = [t for t in found if t.score != (0, 0)]
    if not candidates:
        return None
    return min(candidates, key=lambda t: (-t.score[0], -t.score[1], t.option.starts_at))


@transaction.atomic
def poll_fix(*, poll: Poll, option: PollOption, user) -> Event:
    """Make the meeting on `option`'s date and close the poll.

    The host, chair and minute-taker come from the rota (events.rota.propose_series over the
    partnership's hosting schools, fairly after those who hosted before), skipping a host
    whose own calendar has that day as an INSET day or holiday. Without hosting schools the
    meeting has no host yet; the coordinator adds one on the event's page.
    """
    # Lock the poll's row only: its group is an outer join, which PostgreSQL will not lock.
    poll = (
        Poll.objects.select_for_update(of=("self",))
        .select_related("partnership", "network_group")
        .get(pk=poll.pk)
    )
    if not poll.is_open:
        raise PollError("This poll is closed: its date is fixed.", code="closed")
    if option.poll_id != poll.pk:
        raise PollError("That date is not one of this poll's.", code="wrong_option")
    starts_at = option.starts_at
    if starts_at <= timezone.now():
        raise PollError("That date has passed: choose a later one.", code="past")
    day = timezone.localtime(starts_at).date()
    facts = rota_facts(poll.partnership, poll.network_group)
    host = chair = minute_taker = None
    venue = poll.venue
    if facts.hosts:
        closed = closed_days_by_school([s.id for s in facts.hosts], [day])
        (meeting,) = propose_series(
            [day], facts.hosts, hosted_before=facts.hosted_before, closed=closed
        )
        host, chair, minute_taker = meeting.host.id, meeting.chair_id, meeting.minute_taker_id
        venue = venue or meeting.host.name
    (event,) = event_series_create(
        rows=[
            SeriesRow(
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=poll.duration_minutes),
                host_school_id=host,
                chair_id=chair,
                minute_taker_id=minute_taker,
                venue=venue,
            )
        ],
        title=poll.title,
        kind=EventKind.NETWORK_MEETING,
        partnership_id=poll.partnership_id,
        network_group_id=poll.network_group_id,
        capacity=None,
        # Public when the partnership's page is public, as the rota planner's default.
        is_published=poll.partnership.is_published,
        user=user,
    )
    poll.event = event
    poll.closed_at = timezone.now()
    poll.save(update_fields=["event", "closed_at"])
    return event
