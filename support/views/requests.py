"""Support requests: ask, see, deploy system leaders, close."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alliance.permissions import is_admin, person_of
from partnerships.models import Membership, Partnership
from schools.models import School
from support import services
from support.forms import DeployForm, SupportRequestForm
from support.matching import find_system_leaders
from support.models import Deployment, SupportRequest
from support.rules import can_deploy_for_request, can_edit_support_request
from support.views.access import get_support_request_for_user


def requestable_schools(user):
    """Schools this user may ask support for: those they head or edit (every school for admins)."""
    if is_admin(user):
        return School.objects.all()
    person = person_of(user)
    if person is None:
        return School.objects.none()
    return School.objects.filter(Q(headteacher=person) | Q(editors=person)).distinct()


def deploy_partnerships(user, support_request: SupportRequest):
    """Partnerships the school belongs to now, that this user coordinates (all, for admins)."""
    partnerships = Partnership.objects.filter(
        memberships__in=support_request.school.memberships.current()
    )
    if not is_admin(user):
        coordinated = Membership.objects.current().filter(coordinator=person_of(user))
        partnerships = partnerships.filter(memberships__in=coordinated)
    return partnerships.distinct().order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    schools = requestable_schools(request.user)
    if not schools.exists():
        raise PermissionDenied
    form = SupportRequestForm(
        request.POST or None, schools=schools, initial={"school": request.GET.get("school")}
    )
    if request.method == "POST" and form.is_valid():
        support_request = services.support_request_create(
            **form.cleaned_data, requested_by=person_of(request.user)
        )
        messages.success(request, "Your request for support has been sent to the coordinators.")
        return redirect(support_request)
    return render(request, "support/request_form.html", {"form": form})


def _detail(request: HttpRequest, support_request: SupportRequest, form=None) -> HttpResponse:
    can_deploy = can_deploy_for_request(request.user, support_request)
    matches = []
    if can_deploy and support_request.is_open:
        matches = find_system_leaders(
            specialism=support_request.specialism, school=support_request.school
        )
        if form is None:
            form = DeployForm(
                matches=matches,
                partnerships=deploy_partnerships(request.user, support_request),
                initial={
                    "starts_on": support_request.wanted_from,
                    "ends_on": support_request.wanted_until,
                    "focus": f"{support_request.specialism.name} support",
                },
            )
    context = {
        "support_request": support_request,
        "deployments": Deployment.objects.for_list().filter(request=support_request),
        "can_deploy": can_deploy,
        "can_edit": can_edit_support_request(request.user, support_request),
        "matches": matches,
        "full_matches": [m for m in matches if not m.has_capacity],
        "form": form,
    }
    return render(request, "support/request_detail.html", context)


@login_required
@require_http_methods(["GET"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A request, its deployments and, for coordinators, the matching system leaders.
    A fixed number of queries whatever the number of leaders or deployments."""
    return _detail(request, get_support_request_for_user(request, pk))


@login_required
@require_POST
def request_deploy(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = get_support_request_for_user(request, pk, action="deploy")
    if not support_request.is_open:
        messages.error(request, "This request is no longer open.")
        return redirect(support_request)
    matches = find_system_leaders(
        specialism=support_request.specialism, school=support_request.school
    )
    form = DeployForm(
        request.POST,
        matches=matches,
        partnerships=deploy_partnerships(request.user, support_request),
    )
    if not form.is_valid():
        return _detail(request, support_request, form)
    data = form.cleaned_data
    leaders = [m.person for m in form.chosen()]
    services.deploy_leaders(
        support_request=support_request,
        leaders=leaders,
        partnership=data["partnership"],
        focus=data["focus"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        time_unit=data["time_unit"],
        time_agreed=data["time_agreed"],
        deployed_by=person_of(request.user),
    )
    names = ", ".join(p.display_name for p in leaders)
    messages.success(request, f"Deployed {names}.")
    return redirect(support_request)


@login_required
@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = get_support_request_for_user(request, pk, action="edit")
    services.support_request_close(support_request=support_request)
    messages.success(request, "The request is closed.")
    return redirect(support_request)
