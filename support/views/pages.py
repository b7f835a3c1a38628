"""Support overview pages: the hub, a school's support, a leader's deployments, the report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from alliance.permissions import is_admin, person_of
from partnerships.models import Membership, Partnership
from people.models import Person
from schools.models import School
from support.forms import ReportPeriodForm
from support.matching import committed_days
from support.models import Deployment, SupportRequest
from support.reports import REPORT_HEADER, report_rows, support_report
from support.rules import (
    can_view_leader_deployments,
    can_view_school_support,
    can_view_support_report,
    may_request_support,
)
from support.views.requests import requestable_schools


def coordinated_partnerships(user):
    if is_admin(user):
        return Partnership.objects.all()
    coordinated = Membership.objects.current().filter(coordinator=person_of(user))
    return Partnership.objects.filter(memberships__in=coordinated).distinct()


@login_required
@require_GET
def support_index(request: HttpRequest) -> HttpResponse:
    """Open requests and deployments this user may see: a fixed number of queries."""
    deployments = Deployment.objects.visible_to(request.user).for_list()
    context = {
        "person": person_of(request.user),
        "open_requests": SupportRequest.objects.visible_to(request.user).open().for_list(),
        "page_obj": Paginator(deployments, 25).get_page(request.GET.get("page")),
        "my_schools": list(requestable_schools(request.user)[:20]),
        "report_partnerships": list(coordinated_partnerships(request.user)),
    }
    return render(request, "support/index.html", context)


@login_required
@require_GET
def school_support(request: HttpRequest, slug: str) -> HttpResponse:
    """Support a school received and gave (its leaders' deployments): fixed queries."""
    school = get_object_or_404(School, slug=slug)
    if not can_view_school_support(request.user, school):
        raise PermissionDenied
    context = {
        "school": school,
        "requests": SupportRequest.objects.filter(school=school).for_list(),
        "received": Deployment.objects.filter(supported_school=school).for_list(),
        "given": Deployment.objects.filter(system_leader__school=school).for_list(),
        "can_request": may_request_support(request.user, school),
    }
    return render(request, "support/school.html", context)


@login_required
@require_GET
def leader_deployments(request: HttpRequest, pk: int) -> HttpResponse:
    """A system leader's deployments and committed days: fixed queries."""
    leader = get_object_or_404(Person.objects.active().select_related("school"), pk=pk)
    if not can_view_leader_deployments(request.user, leader):
        raise PermissionDenied
    committed = committed_days([leader.pk]).get(leader.pk, 0)
    context = {
        "leader": leader,
        "deployments": Deployment.objects.filter(system_leader=leader).for_list(),
        "committed_days": committed,
    }
    return render(request, "support/leader.html", context)


def _report(request: HttpRequest, slug: str):
    partnership = get_object_or_404(Partnership, slug=slug)
    if not can_view_support_report(request.user, partnership):
        raise PermissionDenied
    form = ReportPeriodForm(request.GET if "start" in request.GET else None)
    start, end = form.period()
    if not form.is_bound:
        form = ReportPeriodForm(initial={"start": start, "end": end})
    return form, support_report(partnership=partnership, start=start, end=end)


@login_required
@require_GET
def partnership_report(request: HttpRequest, slug: str) -> HttpResponse:
    """Deployments and days per partnership and period, by specialism and school."""
    form, report = _report(request, slug)
    query = f"start={report.start.isoformat()}&end={report.end.isoformat()}"
    return render(request, "support/report.html", {"form": form, "report": report, "query": query})


@login_required
@require_GET
def partnership_report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    _, report = _report(request, slug)
    filename = f"support-{report.partnership.slug}-{report.start}-{report.end}.csv"
    security_log(
        kind="export",
        user=request.user,
        request=request,
        what="support report",
        partnership=report.partnership.pk,
    )
    return csv_response(filename=filename, header=REPORT_HEADER, rows=report_rows(report))
