"""Poll pages: open a poll, see and answer it, fix its date."""

from __future__ import annotations

from typing import Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.permissions import person_of
from partnerships.models import NetworkGroup, Partnership
from partnerships.rules import (
    can_view_partnership,
    chair_annotations,
    coordinator_annotations,
    lend_chair_standing,
)
from polls.forms import AnswerForm, FixForm, PollForm
from polls.models import Answer, Poll
from polls.rules import can_answer_poll, can_open_poll, can_run_poll, visible_polls
from polls.services import PollError, best, poll_answer, poll_create, poll_fix, tallies
from schools.calendar import calendar_for

Action = Literal["view", "answer", "run"]


def get_poll_for_user(request: HttpRequest, pk: int, *, action: Action = "view") -> Poll:
    """404 for a poll the user does not belong to; 403 when they may see it but not do
    `action` (answer: members only, while it is open; run: coordinators and the chair)."""
    # Whether the user chairs the poll's group and coordinates its partnership come with the
    # row: the rules ask them of every poll page.
    coordinates = coordinator_annotations(request.user, Partnership, link="partnership_id")
    polls = visible_polls(request.user, Poll.objects.for_page()).annotate(
        **chair_annotations(request.user, group="network_group"), **coordinates
    )
    poll = get_object_or_404(polls, pk=pk)
    for key in coordinates:
        poll.partnership.__dict__[key] = poll.__dict__.pop(key)
    if poll.network_group is not None:
        poll.network_group.partnership = poll.partnership  # loaded with it: no query more
        lend_chair_standing(request.user, poll, poll.network_group)
    if action == "answer" and not can_answer_poll(request.user, poll):
        raise PermissionDenied("Only the members answer, while the poll is open.")
    if action == "run" and not can_run_poll(request.user, poll):
        raise PermissionDenied("Only the coordinators and the group's chair fix the date.")
    return poll


def _scope(request: HttpRequest, slug: str, group_slug: str | None):
    partnership = get_object_or_404(Partnership.objects.select_related("lead_school"), slug=slug)
    if not can_view_partnership(request.user, partnership):
        raise Http404("No such partnership.")
    group = None
    if group_slug is not None:
        group = get_object_or_404(NetworkGroup, partnership=partnership, slug=group_slug)
        group.partnership = partnership
    if not can_open_poll(request.user, partnership, group):
        raise PermissionDenied("Only the coordinators and the group's chair open polls.")
    return partnership, group


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request: HttpRequest, slug: str, group_slug: str | None = None) -> HttpResponse:
    """Propose 2-8 dates for a meeting of the partnership or group."""
    partnership, group = _scope(request, slug, group_slug)
    name = group.name if group else partnership.name
    form = PollForm(
        request.POST if request.method == "POST" else None,
        initial={"title": f"{name} meeting"},
        calendar=calendar_for(partnership.lead_school),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = poll_create(
                partnership=partnership,
                group=group,
                title=data["title"],
                duration_minutes=data["duration_minutes"],
                venue=data["venue"],
                starts=form.starts,
                created_by=person_of(request.user),
            )
        except PollError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The poll is open: members can answer it now.")
            return redirect(poll)
    context = {"partnership": partnership, "group": group, "form": form}
    status = 400 if form.errors else 200
    return render(request, "polls/new.html", context, status=status)


def _render_poll(request: HttpRequest, poll: Poll, *, form=None, status: int = 200):
    """The poll page: 6 queries whatever the number of dates and answers (session, user, the
    poll with whether the user belongs to it, whether they coordinate it, the dates, the
    answers with their people)."""
    found = tallies(poll.options_with_answers())
    person = person_of(request.user)
    mine = {}
    if person is not None:
        for tally in found:
            for answer, people in (
                (Answer.YES, tally.yes),
                (Answer.IF_NEED_BE, tally.if_need_be),
                (Answer.NO, tally.no),
            ):
                if any(p.pk == person.pk for p in people):
                    mine[tally.option.pk] = answer
    rows = [{"tally": t, "mine": mine.get(t.option.pk, "")} for t in found]
    context = {
        "poll": poll,
        "partnership": poll.partnership,
        "group": poll.network_group,
        "rows": rows,
        "best": best(found),
        "answers": Answer.choices,
        "can_answer": can_answer_poll(request.user, poll),
        "can_run": poll.is_open and can_run_poll(request.user, poll),
        "form": form,
    }
    return render(request, "polls/detail.html", context, status=status)


@login_required
@require_GET
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_poll(request, get_poll_for_user(request, pk))


@login_required
@require_POST
def poll_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: this date, this answer. Back to the poll at that date."""
    poll = get_poll_for_user(request, pk, action="answer")
    form = AnswerForm(request.POST, poll=poll)
    if form.is_valid():
        option = form.cleaned_data["option"]
        try:
            poll_answer(
                poll=poll,
                option=option,
                person=person_of(request.user),
                answer=form.cleaned_data["answer"],
            )
        except PollError as error:
            form.add_error(None, error.message)
        else:
            return redirect(f"{poll.get_absolute_url()}#option-{option.pk}")
    return _render_poll(request, poll, form=form, status=400)


@login_required
@require_POST
def poll_fix_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Fix the chosen date: the meeting is made with its host from the rota, the poll closes."""
    poll = get_poll_for_user(request, pk, action="run")
    form = FixForm(request.POST, poll=poll)
    if form.is_valid():
        try:
            event = poll_fix(poll=poll, option=form.cleaned_data["option"], user=request.user)
        except PollError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The date is fixed and the meeting is made.")
            return redirect(event)
    return _render_poll(request, poll, form=form, status=400)
