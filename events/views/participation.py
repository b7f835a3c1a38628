"""The participation report of a partnership: attendance at its meetings by school and by
group over a period, as a table with bars (no JavaScript) and as CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from alliance.lib.csv import csv_response
from events.forms_meetings import PeriodForm
from events.participation import Row, by_group, by_school, rate_chart
from events.rules import can_view_participation
from partnerships.models import Partnership
from partnerships.views.access import get_partnership_for_user


def _report(request: HttpRequest, slug: str) -> tuple[Partnership, PeriodForm]:
    partnership = get_partnership_for_user(request, slug)
    if not can_view_participation(request.user, partnership):
        raise PermissionDenied("For the partnership's coordinators and heads.")
    return partnership, PeriodForm(request.GET or None)


@login_required
@require_GET
def participation_report(request: HttpRequest, slug: str) -> HttpResponse:
    """Session, user, partnership (with whether the user coordinates it), [head check], by
    school, by group: at most 6 queries, whatever the number of schools and meetings."""
    partnership, form = _report(request, slug)
    start, end = form.period()
    schools = by_school(partnership.pk, start, end)
    groups = by_group(partnership.pk, start, end)
    context = {
        "partnership": partnership,
        "form": form,
        "start": start,
        "end": end,
        "schools": schools,
        "groups": groups,
        "charts": [
            rate_chart(schools, title="Attendance by school", slug="by-school", category="School"),
            rate_chart(groups, title="Attendance by group", slug="by-group", category="Group"),
        ],
        "csv_url": reverse("events:participation_csv", args=[partnership.slug])
        + (f"?{request.GET.urlencode()}" if request.GET else ""),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "events/participation.html", context, status=status)


@login_required
@require_GET
def participation_export(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, form = _report(request, slug)
    start, end = form.period()
    header = ["By", "Name", "Attended", "Absent with apologies", "Absent", "Marked", "Rate (%)"]

    def lines(kind: str, rows: list[Row]):
        for r in rows:
            yield [kind, r.name, r.attended, r.apologies, r.absent, r.marked, r.rate]

    rows = [
        *lines("School", by_school(partnership.pk, start, end)),
        *lines("Group", by_group(partnership.pk, start, end)),
    ]
    return csv_response(
        filename=f"participation-{partnership.slug}-{start}-{end}.csv", header=header, rows=rows
    )
