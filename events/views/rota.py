"""The rota planner: choose a series of dates, get a fair proposal of hosts, chairs and
minute-takers (or review-day visitors), edit it, and save it as events."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from events.forms_rota import RotaFormSet, SeriesForm
from events.planning import RotaFacts, rota_facts
from events.rota import RotaError, propose_series, review_day_rota
from events.services import EventError, SeriesRow, event_series_create
from partnerships.models import NetworkGroup, Partnership
from partnerships.rules import (
    can_coordinate_group,
    can_coordinate_partnership,
    can_view_partnership,
)
from reviews.services import reviews_create_for_days
from schools.calendar import calendar_for, closed_days_by_school


def _scope(request: HttpRequest, slug: str, group_slug: str | None):
    """The partnership (and group) being planned for: 404 if unseen, 403 if not coordinated."""
    partnership = get_object_or_404(Partnership.objects.select_related("lead_school"), slug=slug)
    if not can_view_partnership(request.user, partnership):
        raise Http404("No such partnership.")
    group = None
    if group_slug is not None:
        group = get_object_or_404(
            NetworkGroup.objects.select_related("partnership"),
            partnership=partnership,
            slug=group_slug,
        )
        allowed = can_coordinate_group(request.user, group)
    else:
        allowed = can_coordinate_partnership(request.user, partnership)
    if not allowed:
        raise PermissionDenied
    return partnership, group


def _proposal_initial(series: SeriesForm, facts: RotaFacts) -> list[dict]:
    data = series.cleaned_data
    times = {"starts": data["starts_time"], "ends": data["ends_time"]}
    if series.is_review_day:
        if len(series.days) != len(facts.members):
            raise RotaError(
                f"A review-day rota visits each of the {len(facts.members)} member schools "
                f"once: give {len(facts.members)} dates (there are {len(series.days)})."
            )
        visits = review_day_rota(facts.members, data.get("visitors_per_day") or 0)
        return [
            {
                "day": day,
                **times,
                "host": visit.school.id,
                "chair": visit.school.head_id,
                "visitors": list(visit.visitor_ids),
            }
            for day, visit in zip(series.days, visits, strict=True)
        ]
    closed = closed_days_by_school([s.id for s in facts.hosts], series.days)
    proposal = propose_series(
        series.days, facts.hosts, hosted_before=facts.hosted_before, closed=closed
    )
    return [
        {
            "day": meeting.day,
            **times,
            "host": meeting.host.id,
            "chair": meeting.chair_id,
            "minute_taker": meeting.minute_taker_id,
        }
        for meeting in proposal
    ]


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _rows(formset, *, venue: str, facts: RotaFacts) -> list[SeriesRow]:
    """The confirmed rows; without a venue, each meeting is at its host school."""
    names = dict(facts.school_choices)
    return [
        SeriesRow(
            starts_at=_at(f.cleaned_data["day"], f.cleaned_data["starts"]),
            ends_at=_at(f.cleaned_data["day"], f.cleaned_data["ends"]),
            host_school_id=f.cleaned_data["host"],
            chair_id=f.cleaned_data["chair"],
            minute_taker_id=f.cleaned_data["minute_taker"],
            venue=venue or names.get(f.cleaned_data["host"], ""),
            visitor_ids=tuple(f.cleaned_data["visitors"]),
        )
        for f in sorted(formset.forms, key=lambda f: f.cleaned_data["day"])
    ]


@login_required
@require_http_methods(["GET", "POST"])
def rota_planner(request: HttpRequest, slug: str, group_slug: str | None = None) -> HttpResponse:
    partnership, group = _scope(request, slug, group_slug)
    facts = rota_facts(partnership, group)
    name = group.name if group else partnership.name
    series = SeriesForm(
        request.POST or None,
        initial={"title": f"{name} meeting"},
        calendar=calendar_for(partnership.lead_school),
    )
    row_kwargs = {
        "school_choices": facts.school_choices,
        "people_choices": facts.people_choices,
        "head_of": facts.head_of,
    }
    formset = None
    action = request.POST.get("action")
    if request.method == "POST" and series.is_valid():
        if action == "save":
            formset = RotaFormSet(request.POST, prefix="rows", form_kwargs=row_kwargs)
            if formset.is_valid():
                data = series.cleaned_data
                rows = _rows(formset, venue=data["venue"], facts=facts)
                try:
                    with transaction.atomic():
                        events = event_series_create(
                            rows=rows,
                            title=data["title"],
                            kind=data["kind"],
                            partnership_id=partnership.pk,
                            network_group_id=group.pk if group else None,
                            capacity=data["capacity"],
                            is_published=data["is_published"],
                            user=request.user,
                        )
                        # The visitors confirmed here are the reviewers of each school's day.
                        reviews_create_for_days(
                            visits=[(e, r.visitor_ids) for e, r in zip(events, rows, strict=True)],
                            user=request.user,
                        )
                except EventError as error:
                    formset._non_form_errors = formset.error_class([error.message])
                else:
                    messages.success(request, f"{len(events)} meetings are saved.")
                    # The list shows the partnership's and group's names in its boxes.
                    query = {"partnership": partnership.slug}
                    if group:
                        query["group"] = group.pk
                    query["date_from"] = events[0].starts_at.date().isoformat()
                    return redirect(f"{reverse('events:list')}?{urlencode(query)}")
        else:
            try:
                initial = _proposal_initial(series, facts)
            except RotaError as error:
                series.add_error(None, str(error))
            else:
                formset = RotaFormSet(prefix="rows", initial=initial, form_kwargs=row_kwargs)
    context = {
        "partnership": partnership,
        "group": group,
        "series": series,
        "formset": formset,
        "is_review_day": series.is_bound and series.is_valid() and series.is_review_day,
        "opted_out": [s for s in facts.members if s not in facts.hosts],
    }
    refused = series.errors or (formset is not None and formset.is_bound and not formset.is_valid())
    status = 400 if refused else 200
    return render(request, "events/rota.html", context, status=status)
