"""Occasions: simultaneous meetings held as one ("town-wide writing evening"), each with its
own host school, chair and roll call. A partnership's coordinator creates the occasion, with
the meetings of the partnership and its groups already planned for that day, or new ones from
rows; the occasion's page lists the meetings and reports attendance per school across them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from alliance.lib.nested import json_rows
from events.models import Attendance, Event, EventKind, Occasion, Registration, Rsvp
from events.participation import Row
from partnerships.models import NetworkGroup, Partnership
from schools.models import School

Status = Attendance.Status


class OccasionError(Exception):
    """An occasion the portal cannot make as asked, with a code to match."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class NewMeeting:
    """One row of the creation form: a meeting to create for the occasion."""

    title: str
    host_school: School
    starts: datetime.time
    ends: datetime.time
    network_group: NetworkGroup | None = None
    venue: str = ""


def _day(on: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(on, datetime.time.min, zone)
    return start, start + datetime.timedelta(days=1)


def meetings_on(partnership: Partnership, on: datetime.date) -> QuerySet[Event]:
    """The meetings of the partnership and its groups that start on `on`, not called off and
    not yet part of an occasion: those an occasion of that day may take in. One query."""
    start, end = _day(on)
    groups = NetworkGroup.objects.filter(partnership=partnership).values("pk")
    return (
        Event.objects.filter(starts_at__gte=start, starts_at__lt=end, occasion__isnull=True)
        .not_cancelled()
        .filter(Q(partnership=partnership) | Q(network_group__in=groups))
        .select_related("host_school", "network_group")
        .order_by("starts_at", "title", "pk")
    )


@transaction.atomic
def occasion_create(
    *,
    partnership: Partnership,
    user,
    title: str,
    description: str,
    on: datetime.date,
    attach: Sequence[Event] = (),
    rows: Sequence[NewMeeting] = (),
) -> Occasion:
    """The occasion, with the meetings of that day it takes in and the new ones from `rows`
    (see occasion_extend)."""
    if not attach and not rows:
        raise OccasionError("An occasion holds at least one meeting.", code="empty")
    occasion = Occasion(title=title, description=description, partnership=partnership)
    occasion.full_clean()
    occasion.save()
    occasion_extend(occasion=occasion, user=user, on=on, attach=attach, rows=rows)
    return occasion


@transaction.atomic
def occasion_extend(
    *,
    occasion: Occasion,
    user,
    on: datetime.date,
    attach: Sequence[Event] = (),
    rows: Sequence[NewMeeting] = (),
) -> int:
    """Take the meetings `attach` of day `on` into the occasion (none may be part of another
    already) and create one from each of `rows`: a network meeting of the occasion's
    partnership, or of the row's group, chaired by the group's chair when it has one. Returns
    how many meetings the occasion gained."""
    if not attach and not rows:
        raise OccasionError("Choose a meeting or fill in a row.", code="empty")
    start, end = _day(on)
    taken = list(Event.objects.select_for_update().filter(pk__in=[e.pk for e in attach]))
    if any(e.occasion_id or not (start <= e.starts_at < end) for e in taken):
        raise OccasionError("A meeting is already part of an occasion.", code="taken")
    Event.objects.filter(pk__in=[e.pk for e in taken]).update(occasion=occasion)
    zone = timezone.get_current_timezone()
    for row in rows:
        meeting = Event(
            kind=EventKind.NETWORK_MEETING,
            title=row.title,
            partnership=occasion.partnership,
            network_group=row.network_group,
            host_school=row.host_school,
            venue=row.venue or row.host_school.name,
            starts_at=datetime.datetime.combine(on, row.starts, zone),
            ends_at=datetime.datetime.combine(on, row.ends, zone),
            chair_id=row.network_group.chair_id if row.network_group else None,
            occasion=occasion,
            created_by=user,
        )
        meeting.full_clean()
        meeting.save()
    return len(taken) + len(rows)


def occasion_meetings(occasion: Occasion, user) -> list[Event]:
    """The occasion's meetings that `user` may see, by start and title, each with its host,
    group and chair joined and three counts: places taken (`registered`), people going
    (`going`, for a meeting) and people marked at the roll call (`marked`). One query."""

    def count(model, **where):
        rows = (
            model.objects.filter(event=OuterRef("pk"), **where)
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows), Value(0))

    return list(
        Event.objects.filter(occasion=occasion)
        .visible_to(user)
        .select_related("host_school", "network_group", "chair")
        .annotate(
            registered=count(Registration, status=Registration.Status.CONFIRMED),
            going=count(Rsvp, answer=Rsvp.Answer.GOING),
            marked=count(Attendance),
        )
        .order_by("starts_at", "title", "pk")
    )


def occasion_report(occasion: Occasion) -> list[Row]:
    """Attendance per school across the occasion's meetings (called-off ones aside), from the
    roll calls: attended, absent with apologies, absent. One query, whatever the schools."""
    found = (
        Attendance.objects.filter(event__occasion=occasion, event__cancelled_at__isnull=True)
        .values("school__name")
        .annotate(
            attended=Count("pk", filter=Q(status=Status.ATTENDED)),
            apologies=Count("pk", filter=Q(status=Status.APOLOGIES)),
            absent=Count("pk", filter=Q(status=Status.ABSENT)),
        )
        .order_by("school__name")
    )
    return [
        Row(
            name=r["school__name"] or "No school",
            attended=r["attended"],
            apologies=r["apologies"],
            absent=r["absent"],
        )
        for r in found
    ]


def report_total(rows: Sequence[Row]) -> Row:
    return Row(
        name="All schools",
        attended=sum(r.attended for r in rows),
        apologies=sum(r.apologies for r in rows),
        absent=sum(r.absent for r in rows),
    )


def occasion_day(meetings: Sequence[Event]) -> datetime.date | None:
    """The occasion's day: its first meeting's, in local time."""
    return timezone.localtime(meetings[0].starts_at).date() if meetings else None


def occasion_rows(partnership, *, recent_days: int = 90):
    """The meetings (called-off ones aside) of the partnership's occasions still to come or
    held in the last `recent_days`, as one JSON column of the partnership's own query
    (alliance.lib.nested): `occasions_from_rows` makes the occasions of them. `partnership`
    is the partnership's key, usually OuterRef("pk")."""
    since = timezone.now() - datetime.timedelta(days=recent_days)
    return json_rows(
        Event.objects.filter(
            occasion__partnership=partnership, cancelled_at__isnull=True, ends_at__gte=since
        ),
        link="occasion__partnership",
        fields=["occasion_id", "occasion__title", "starts_at", "ends_at"],
    )


def _moment(value: str) -> datetime.datetime:
    """A date and time from a JSON row: ISO with an offset (PostgreSQL), or as SQLite stores
    it, in UTC without one."""
    moment = parse_datetime(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)


def occasions_from_rows(rows: list[dict] | None) -> list[Occasion]:
    """The occasions of `occasion_rows`, soonest first, each with `starts_at`, `ends_at` and
    `meeting_count` from its meetings."""
    occasions: dict[int, Occasion] = {}
    for row in rows or []:
        starts, ends = _moment(row["starts_at"]), _moment(row["ends_at"])
        occasion = occasions.get(row["occasion_id"])
        if occasion is None:
            occasion = Occasion(pk=row["occasion_id"], title=row["occasion__title"])
            occasion.starts_at, occasion.ends_at, occasion.meeting_count = starts, ends, 0
            occasions[occasion.pk] = occasion
        occasion.starts_at = min(occasion.starts_at, starts)
        occasion.ends_at = max(occasion.ends_at, ends)
        occasion.meeting_count += 1
    return sorted(occasions.values(), key=attrgetter("starts_at", "pk"))
