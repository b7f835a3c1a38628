"""Participation: how often each school and each group was at its meetings, from the roll
calls (events.models.Attendance), over a period. Read by the participation report and the
partnership page's chart."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models import Attendance, Event
from partnerships.charts import Bar, Chart
from partnerships.models import NetworkGroup

Status = Attendance.Status


@dataclass(frozen=True)
class Row:
    name: str
    attended: int
    apologies: int
    absent: int

    @property
    def marked(self) -> int:
        return self.attended + self.apologies + self.absent

    @property
    def rate(self) -> int:
        """Per cent of those expected who came."""
        return round(100 * self.attended / self.marked) if self.marked else 0


def _marks(partnership_id: int, start: datetime.date, end: datetime.date) -> QuerySet:
    """The marks of the partnership's meetings (its own and its groups') held in [start, end],
    cancelled meetings aside."""
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, zone)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    # The meetings first, then their marks. The partnership's own meetings and its groups' are
    # read apart and joined by a union, each on its (partnership or group, start) index: an
    # "or" between them is read from the start index alone, through every meeting of the year
    # in every partnership, whenever the plan is made without the dates (a prepared statement).
    held = (
        Event.objects.filter(starts_at__gte=since, starts_at__lt=until, cancelled_at__isnull=True)
        .values("pk")
        .order_by()
    )
    own = held.filter(partnership=partnership_id)
    groups = held.filter(
        network_group__in=NetworkGroup.objects.filter(partnership=partnership_id).values("pk")
    )
    return Attendance.objects.filter(event__in=own.union(groups))


_COUNTS = {
    "attended": Count("pk", filter=Q(status=Status.ATTENDED)),
    "apologies": Count("pk", filter=Q(status=Status.APOLOGIES)),
    "absent": Count("pk", filter=Q(status=Status.ABSENT)),
}


def _rows(marks: QuerySet, name: str, blank: str) -> list[Row]:
    found = marks.values(name).annotate(**_COUNTS).order_by(name)
    return [
        Row(
            name=r[name] or blank,
            attended=r["attended"],
            apologies=r["apologies"],
            absent=r["absent"],
        )
        for r in found
    ]


def by_school(partnership_id: int, start: datetime.date, end: datetime.date) -> list[Row]:
    """One row per school the people came for (their school when marked): one query."""
    return _rows(_marks(partnership_id, start, end), "school__name", "No school")


def by_group(partnership_id: int, start: datetime.date, end: datetime.date) -> list[Row]:
    """One row per network group, the partnership's own meetings as one more: one query."""
    return _rows(
        _marks(partnership_id, start, end), "event__network_group__name", "Partnership meetings"
    )


def rate_chart(
    rows: list[Row],
    *,
    title: str,
    slug: str,
    category: str,
    caption: str = "Per cent of the people expected at meetings who attended.",
) -> Chart:
    """Bars of the attendance rate, drawn as the partnership page's charts are (no script)."""
    return Chart(
        title=title,
        slug=slug,
        caption=caption,
        category=category,
        unit="Attended (%)",
        bars=[Bar(label=r.name, count=r.rate, percent=r.rate) for r in rows],
    )
