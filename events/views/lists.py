"""The event list and the month calendar: the same filters, two layouts."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.views.decorators.http import require_GET

from alliance.lib.dates import EARLIEST, LATEST, month_from
from alliance.lib.fragments import form_html, remembered, values_html
from alliance.lib.pagecache import public_page
from alliance.lib.paging import CappedPaginator
from events.filters import EventFilter, filter_tags, query_without_page
from events.ical import webcal_url
from events.models import Event
from events.rules import can_plan_events
from partnerships.rules import can_coordinate_group, can_coordinate_partnership

PAGE_SIZE = 25


def _filtered(request: HttpRequest, *, dated: bool = True) -> EventFilter:
    events = Event.objects.visible_to(request.user).for_directory()
    filterset = EventFilter(request.GET, queryset=events, request=request, dated=dated)
    filterset.show_names()
    return filterset


def _status(filterset: EventFilter) -> int:
    """400 when a filter could not be read (a garbled date, or one outside the years the portal
    shows): the page says which beside the field and lists events without that filter."""
    return 400 if filterset.errors else 200


def _scope_links(request: HttpRequest, filterset: EventFilter) -> dict[str, str]:
    """Subscribe and plan links for the group or partnership the list is filtered to."""
    group, partnership = filterset.scope()
    if group is not None:
        slugs = {"slug": group.partnership.slug, "group_slug": group.slug}
        return {
            "scope_name": group.name,
            "feed_url": webcal_url(request, reverse("events:feed_group", kwargs=slugs))
            if group.partnership.is_published
            else "",
            "rota_url": reverse("events:rota_group", kwargs=slugs)
            if can_coordinate_group(request.user, group)
            else "",
        }
    if partnership is not None:
        slugs = {"slug": partnership.slug}
        return {
            "scope_name": partnership.name,
            "feed_url": webcal_url(request, reverse("events:feed_partnership", kwargs=slugs))
            if partnership.is_published
            else "",
            "rota_url": reverse("events:rota_partnership", kwargs=slugs)
            if can_coordinate_partnership(request.user, partnership)
            else "",
        }
    return {"scope_name": "", "feed_url": "", "rota_url": ""}


def _row(event: Event) -> str:
    """An event list row: the same for everyone who may see the event."""
    host = event.host_school
    group, partnership = event.network_group, event.partnership
    values = {
        "pk": event.pk,
        "title": event.title,
        "starts_at": event.starts_at,
        "is_published": event.is_published,
        "is_cancelled": event.is_cancelled,
        "kind": event.get_kind_display(),
        "where": host.name if host else event.venue,
        "audience": group.name if group else partnership.name if partnership else "",
    }
    return values_html("events/_list_row.html", values)


@public_page
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events (or those in the chosen dates), filtered and paged: 2 queries for
    anyone signed out (count, page) whatever the rows, one more when the filters name one
    partnership or group (its feed and planner links)."""
    filterset = _filtered(request)
    events = filterset.qs
    events = events.order_by("starts_at") if filterset.is_dated() else events.upcoming()
    # Counts stop at 1,000 and pages stay within them (a region has ~100,000 events).
    page = CappedPaginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "filter_fields": form_html("_filter_fields.html", filterset.form),
        "page_obj": page,
        "rows": [_row(event) for event in page],
        "tags": filter_tags(filterset),
        "query_string": query_without_page(request.GET),
        "is_dated": filterset.is_dated(),
        "can_plan": can_plan_events(request.user),
        **_scope_links(request, filterset),
    }
    return render(request, "events/list.html", context, status=_status(filterset))


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    is_past: bool
    events: list[Event] = field(default_factory=list)
    more: int = 0  # events that start this day beyond the PER_DAY shown

    # The grid's labels, read from Django's translated names rather than through the `date`
    # filter: six filter calls for each of 35 days were a fifth of the month view's time.
    @property
    def iso(self) -> str:
        return self.date.isoformat()

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def month_name(self) -> str:
        return MONTHS[self.date.month]


def _list_month(date_from: str | None) -> datetime.date:
    """The month of the list's "From" date (switching from the list to the month), else this
    month."""
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(date_from or "")
    except ValueError:
        day = today
    return (day if EARLIEST <= day <= LATEST else today).replace(day=1)


def _shift(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _month_weeks(weeks: list[list[Day]], filters: QueryDict) -> str:
    """The month grid's rows, the same for everyone shown these events with these filters."""
    filter_query = filters.urlencode()
    key = (
        "events/_month_weeks.html",
        filter_query,
        tuple(
            (day.date, day.in_month, day.is_today, day.is_past, day.more)
            + tuple((event.pk, event.start_time, event.title) for event in day.events)
            for week in weeks
            for day in week
        ),
    )
    context = {"weeks": weeks, "filter_query": filter_query}
    return remembered(key, lambda: render_to_string("events/_month_weeks.html", context))


# A busy region has a hundred events on a school day: the grid shows the first few of each day
# and links to that day's full list.
PER_DAY = 4


@public_page
@require_GET
def event_calendar(request: HttpRequest) -> HttpResponse:
    """A month grid (Monday first) of the filtered events: at most PER_DAY events per day
    with each day's total, in two queries however many there are. Events spanning days
    appear on each day."""
    month = month_from(request.GET.get("month"), default=_list_month(request.GET.get("date_from")))
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
    first, last = weeks[0][0], weeks[-1][-1]
    month_end = _shift(month, 1) - datetime.timedelta(days=1)
    # The month is the grid's date range: no From and To fields to fight its navigation.
    filterset = _filtered(request, dated=False)
    events = filterset.qs.between(_start_of(first), _start_of(last + datetime.timedelta(days=1)))
    # First the month's events ranked within their start day, from the events table alone (the
    # sort stays narrow), then what the grid shows of the chosen ones.
    start_day = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    ranked = dict(
        events.annotate(
            rank=Window(RowNumber(), partition_by=start_day, order_by=F("starts_at").asc()),
            day_total=Window(Count("pk"), partition_by=start_day),
        )
        .filter(rank__lte=PER_DAY)
        .values_list("pk", "day_total")
    )
    events = (
        Event.objects.filter(pk__in=ranked)
        .only("title", "starts_at", "ends_at")
        .order_by("starts_at")
    )
    today = timezone.localdate()
    days = {
        day: Day(day, day.month == month.month, day == today, day < today)
        for week in weeks
        for day in week
    }
    in_month, month_total, counted = [], 0, set()
    for event in events:
        starts = timezone.localtime(event.starts_at)
        event.start_time = f"{starts:%H:%M}"
        start = starts.date()
        end = timezone.localtime(event.ends_at - datetime.timedelta(microseconds=1)).date()
        if start in days and start not in counted:
            counted.add(start)
            days[start].more = max(ranked[event.pk] - PER_DAY, 0)
            if month <= start <= month_end:
                month_total += ranked[event.pk]
        day = max(start, first)
        while day <= min(end, last):
            days[day].events.append(event)
            day += datetime.timedelta(days=1)
        if start <= month_end and end >= month:
            in_month.append(event)
            if start < month:
                month_total += 1  # began in an earlier month and runs into this one
    filters = request.GET.copy()
    for name in ("month", "page", "date_from", "date_to"):
        filters.pop(name, None)
    grid = [[days[day] for day in week] for week in weeks]
    context = {
        "filter": filterset,
        "filter_fields": form_html("_filter_fields.html", filterset.form),
        "tags": filter_tags(filterset),
        "month": month,
        "weeks": grid,
        "month_weeks": _month_weeks(grid, filters),
        "events_in_month": in_month,
        "month_total": month_total,
        "filter_query": filters.urlencode(),
        # No link to a month the calendar would refuse (alliance.lib.dates).
        "previous_month": _shift(month, -1) if month > EARLIEST else None,
        "next_month": _shift(month, 1) if _shift(month, 1) <= LATEST else None,
        "query_string": query_without_page(request.GET),
        "can_plan": can_plan_events(request.user),
        **_scope_links(request, filterset),
    }
    return render(request, "events/calendar.html", context, status=_status(filterset))
