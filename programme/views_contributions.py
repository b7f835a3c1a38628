"""Contributions per school: the organiser asks (request_edit), follows the answers and orders
the agenda (request_board); the head or an editor of an asked school answers (answer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from alliance.permissions import person_of
from events.views.access import get_event_for_user
from programme.contributions import (
    Agenda,
    ContributionError,
    board,
    contribution_answer,
    contributions_order,
    is_open,
    partnership_id_of,
    presenters_for,
    request_agenda,
    request_save,
)
from programme.forms_contributions import AnswerForm, OrderForm, RequestForm
from programme.models import Contribution, ContributionRequest
from programme.rules_contributions import can_answer_for_school


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _get_request(request: HttpRequest, pk: int, *, action: str) -> ContributionRequest:
    """The request with its event, which decides: 404 when the user may not see the event,
    403 when they may see it but not organise it (action "organise")."""
    contribution_request = get_object_or_404(ContributionRequest, pk=pk)
    contribution_request.event = get_event_for_user(
        request, contribution_request.event_id, action=action
    )
    return contribution_request


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the member schools of event `pk` for a contribution, or change what is asked (one
    request per event). For the event's organisers."""
    event = get_event_for_user(request, pk, action="organise")
    current = ContributionRequest.objects.filter(event=event).order_by("pk").first()
    initial = (
        {"prompt": current.prompt, "minutes_each": current.minutes_each, "due_on": current.due_on}
        if current
        else {}
    )
    form = RequestForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = request_save(event=event, person=person_of(request.user), **form.cleaned_data)
        messages.success(request, "The member schools are asked for their contributions.")
        return redirect("contributions:board", pk=saved.pk)
    context = {
        "event": event,
        "form": form,
        "current": current,
        "has_partnership": partnership_id_of(event) is not None,
    }
    status = 400 if form.errors else 200
    return render(request, "programme/contributions/request_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def request_board(request: HttpRequest, pk: int) -> HttpResponse:
    """Every asked school with its answer, and the order of the offers in the agenda. Session,
    user, request, event, answers, schools: a fixed number of queries, whatever the number of
    schools."""
    contribution_request = _get_request(request, pk, action="organise")
    rows = board(contribution_request)
    offered = [r.contribution for r in rows if r.status == Contribution.Status.OFFERED]
    form = OrderForm(_posted(request), contributions=offered)
    if request.method == "POST" and form.is_valid():
        moved = contributions_order(request=contribution_request, orders=form.orders())
        messages.success(request, f"The agenda's order is saved ({moved} moved).")
        return redirect("contributions:board", pk=contribution_request.pk)
    counts = {
        status: sum(1 for r in rows if r.status == status)
        for status in ("offered", "declined", "unanswered")
    }
    minutes = contribution_request.minutes_each or 0
    context = {
        "contribution_request": contribution_request,
        "event": contribution_request.event,
        "rows": rows,
        # Each row with its position box (offers only), for a table of one form.
        "lines": [
            (r, form[f"order_{r.contribution.pk}"] if r.status == "offered" else None) for r in rows
        ],
        "form": form,
        "counts": counts,
        "total_minutes": minutes * counts["offered"],
        "is_open": is_open(contribution_request),
    }
    status = 400 if form.errors else 200
    return render(request, "programme/contributions/board.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer of the user's school: for its head and profile editors when the school is
    asked (403 for anyone else who may see the meeting). Changeable until the answer-by date.
    Session, user, request, event (with whether the user answers for their school), school,
    the school's answer with its presenter, the presenters to choose from."""
    contribution_request = _get_request(request, pk, action="view")
    person = person_of(request.user)
    school = person.school if person is not None else None
    if not can_answer_for_school(request.user, contribution_request, school):
        raise PermissionDenied("For the head and the editors of a school that is asked.")
    current = (
        Contribution.objects.filter(request=contribution_request, school=school)
        .select_related("presenter")
        .first()
    )
    initial = (
        {
            "status": current.status,
            "topic": current.topic,
            "presenter": current.presenter_id,
            "notes": current.notes,
        }
        if current
        else {}
    )
    form = AnswerForm(_posted(request), initial=initial, presenters=presenters_for(school))
    open_ = is_open(contribution_request)
    if request.method == "POST" and form.is_valid():
        try:
            contribution_answer(
                request=contribution_request, school=school, person=person, **form.cleaned_data
            )
        except ContributionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Thank you: your school's answer is saved.")
        return redirect(contribution_request.event)
    context = {
        "contribution_request": contribution_request,
        "event": contribution_request.event,
        "school": school,
        "form": form,
        "current": current,
        "is_open": open_,
    }
    status = 400 if form.errors else 200
    return render(request, "programme/contributions/answer_form.html", context, status=status)


def event_page_part(request: HttpRequest, event, *, can_organise: bool) -> dict:
    """What the event page shows of the contributions: the offers in order, and the links to
    the answers (organisers) or to the user's school's answer (the head and editors of an
    asked school). `event` comes from events.views.access.get_event_for_user, with the
    request's id and whether the user answers for their school (can_answer_for_school, in
    SQL) on its row: no query when nothing is asked, one (the offers) when something is."""
    asked = event.contribution_request_id
    offers = request_agenda(asked) if asked is not None else Agenda(contributions=[])
    links: dict[str, str] = {}
    if can_organise:
        links["new"] = reverse("contributions:request", args=[event.pk])
        if asked is not None:
            links["board"] = reverse("contributions:board", args=[asked])
    if asked is not None and getattr(event, "answers_for_school", False):
        links["answer"] = reverse("contributions:answer", args=[asked])
    return {"contributions": offers, "contribution_links": links}
