"""A deployment: its visits and its outcome."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alliance.permissions import person_of
from support import services
from support.forms import OutcomeForm, VisitForm
from support.models import Deployment, to_days
from support.rules import can_record_deployment
from support.views.access import get_deployment_for_user


def _detail(
    request: HttpRequest, deployment: Deployment, *, visit_form=None, outcome_form=None
) -> HttpResponse:
    visits = list(deployment.visits.select_related("logged_by"))
    given = sum((v.amount for v in visits), Decimal(0))
    can_record = can_record_deployment(request.user, deployment)
    context = {
        "deployment": deployment,
        "visits": visits,
        "time_given": given,
        "days_given": to_days(given, deployment.time_unit),
        "can_record": can_record,
        "visit_form": visit_form or (VisitForm(deployment=deployment) if can_record else None),
        "outcome_form": outcome_form or (OutcomeForm(instance=deployment) if can_record else None),
    }
    return render(request, "support/deployment_detail.html", context)


@login_required
@require_GET
def deployment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A deployment with its visits: a fixed number of queries whatever the number of visits."""
    return _detail(request, get_deployment_for_user(request, pk))


@login_required
@require_POST
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = get_deployment_for_user(request, pk, action="record")
    form = VisitForm(request.POST, deployment=deployment)
    if not form.is_valid():
        return _detail(request, deployment, visit_form=form)
    services.visit_log(
        deployment=deployment, **form.cleaned_data, logged_by=person_of(request.user)
    )
    messages.success(request, "Visit logged.")
    return redirect(deployment)


@login_required
@require_POST
def deployment_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = get_deployment_for_user(request, pk, action="record")
    form = OutcomeForm(request.POST, instance=deployment)
    if not form.is_valid():
        return _detail(request, deployment, outcome_form=form)
    services.deployment_complete(deployment=deployment, outcome=form.cleaned_data["outcome"])
    messages.success(request, "Outcome saved: the deployment is complete.")
    return redirect(deployment)
