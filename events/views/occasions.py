"""Occasions: creating one for a partnership (with that day's meetings and new ones), its
page with each meeting and attendance per school across them, and that report as CSV."""

from __future__ import annotations

from typing import Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance.lib.csv import csv_response
from events.forms_occasions import (
    MeetingRowFormSet,
    MeetingsForm,
    OccasionForm,
    day_of,
    row_choices,
)
from events.models import Occasion
from events.occasions import (
    OccasionError,
    occasion_create,
    occasion_day,
    occasion_extend,
    occasion_meetings,
    occasion_report,
    report_total,
)
from events.rules import can_view_occasion, can_view_occasion_report
from partnerships.models import Partnership
from partnerships.rules import can_coordinate_partnership, coordinator_annotations
from partnerships.views.access import get_partnership_for_user


def get_occasion_for_user(
    request: HttpRequest, pk: int, *, action: Literal["view", "report", "coordinate"] = "view"
) -> Occasion:
    """404 when the user may not see the occasion, 403 when they may see it but not read its
    report (action "report") or add to it (action "coordinate": its partnership's
    coordinators)."""
    # Whether the user coordinates the partnership comes with the row, and is put where the
    # rules look for it: on the partnership.
    own = coordinator_annotations(request.user, Partnership, link="partnership_id")
    occasions = Occasion.objects.select_related("partnership").annotate(**own)
    occasion = get_object_or_404(occasions, pk=pk)
    for key in own:
        answer = occasion.__dict__.pop(key)
        if occasion.partnership is not None:
            occasion.partnership.__dict__[key] = answer
    if not can_view_occasion(request.user, occasion):
        raise Http404("No such occasion.")
    if action == "report" and not can_view_occasion_report(request.user, occasion):
        raise PermissionDenied("For the partnership's coordinators and heads.")
    if action == "coordinate" and not (
        occasion.partnership is not None
        and can_coordinate_partnership(request.user, occasion.partnership)
    ):
        raise PermissionDenied("For the partnership's coordinators.")
    return occasion


@login_required
@require_http_methods(["GET", "POST"])
def occasion_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A new occasion of the partnership: for its coordinators. The day chosen (?on=, or the
    posted date) lists the meetings already planned that day to take in."""
    partnership = get_partnership_for_user(request, slug, action="coordinate")
    posted = request.POST if request.method == "POST" else None
    on = day_of(request.POST.get("on") if posted is not None else request.GET.get("on"))
    form = OccasionForm(posted, partnership=partnership, on=on, initial={"on": on})
    rows = MeetingRowFormSet(posted, form_kwargs=row_choices(partnership), prefix="rows")
    if posted is not None and form.is_valid() and rows.is_valid():
        new = [m for m in (row.meeting() for row in rows) if m is not None]
        try:
            occasion = occasion_create(
                partnership=partnership,
                user=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                on=form.cleaned_data["on"],
                attach=list(form.cleaned_data["meetings"]),
                rows=new,
            )
        except OccasionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"“{occasion.title}” is created.")
            return redirect(occasion)
    return _form_page(request, partnership=partnership, form=form, rows=rows, on=on)


@login_required
@require_http_methods(["GET", "POST"])
def occasion_add(request: HttpRequest, pk: int) -> HttpResponse:
    """More meetings for the occasion: those planned on its day, or new ones from rows. For
    its partnership's coordinators."""
    occasion = get_occasion_for_user(request, pk, action="coordinate")
    partnership = occasion.partnership
    posted = request.POST if request.method == "POST" else None
    raw = request.POST.get("on") if posted is not None else request.GET.get("on")
    on = day_of(raw) or occasion_day(occasion_meetings(occasion, request.user))
    form = MeetingsForm(posted, partnership=partnership, on=on, initial={"on": on})
    rows = MeetingRowFormSet(posted, form_kwargs=row_choices(partnership), prefix="rows")
    if posted is not None and form.is_valid() and rows.is_valid():
        new = [m for m in (row.meeting() for row in rows) if m is not None]
        try:
            added = occasion_extend(
                occasion=occasion,
                user=request.user,
                on=form.cleaned_data["on"],
                attach=list(form.cleaned_data["meetings"]),
                rows=new,
            )
        except OccasionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{added} meeting{'s' if added != 1 else ''} added.")
            return redirect(occasion)
    return _form_page(
        request, partnership=partnership, form=form, rows=rows, on=on, occasion=occasion
    )


@require_GET
def occasion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The occasion and each of its meetings the user may see (host, venue, time, chair,
    answers and marks), and for those who read the participation report the attendance per
    school across them. A fixed number of queries, whatever the meetings and schools."""
    occasion = get_occasion_for_user(request, pk)
    meetings = occasion_meetings(occasion, request.user)
    show_report = can_view_occasion_report(request.user, occasion)
    report = occasion_report(occasion) if show_report else []
    context = {
        "occasion": occasion,
        "meetings": meetings,
        "day": occasion_day(meetings),
        "show_report": show_report,
        "report": report,
        "total": report_total(report),
        "can_coordinate": occasion.partnership is not None
        and can_coordinate_partnership(request.user, occasion.partnership),
    }
    return render(request, "events/occasions/detail.html", context)


@login_required
@require_GET
def occasion_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance per school across the occasion, with a total row, as CSV."""
    occasion = get_occasion_for_user(request, pk, action="report")
    rows = occasion_report(occasion)
    header = ["School", "Attended", "Absent with apologies", "Absent", "Marked", "Rate (%)"]
    lines = [
        [r.name, r.attended, r.apologies, r.absent, r.marked, r.rate]
        for r in [*rows, report_total(rows)]
    ]
    return csv_response(filename=f"occasion-{occasion.pk}.csv", header=header, rows=lines)


def _form_page(request: HttpRequest, *, form, rows, **context) -> HttpResponse:
    """The occasion's form page (creating it, or adding meetings): the form and its meeting
    rows, with their errors (400) after a post that could not be saved."""
    posted = request.method == "POST"
    context |= {
        "form": form,
        "rows": rows,
        "error_forms": [form, *rows.forms] if posted else [],
        "rows_error": rows.non_form_errors() if posted else [],
    }
    return render(request, "events/occasions/form.html", context, status=400 if posted else 200)
