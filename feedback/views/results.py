"""The organiser's side of an evaluation: which questions it asks, and its results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from events.views.access import get_event_for_user
from feedback import evaluation
from feedback.forms import QuestionsForm
from feedback.models import Question
from feedback.services import event_questions_set


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the event's questions from the library: its organisers only (403 for other
    members who may see the event, 404 for the rest)."""
    event = get_event_for_user(request, pk, action="organise")
    library = list(Question.objects.filter(is_active=True).order_by("kind", "text"))
    asked = evaluation.questions_for(event)
    data = request.POST if request.method == "POST" else None
    form = QuestionsForm(data, library=library, asked=asked)
    if request.method == "POST" and form.is_valid():
        event_questions_set(event=event, chosen=form.chosen())
        messages.success(request, "The evaluation's questions are saved.")
        return redirect("feedback:questions", pk=event.pk)
    context = {"event": event, "form": form, "asked": asked}
    return render(request, "feedback/questions.html", context, status=400 if form.is_bound else 200)


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Responses, averages, distributions and free text, per event and per session, for the
    organisers; groups with too few responses show only their count. Session, user, event,
    questions, responses counted per session and answers: 6 queries whatever the number of
    responses and sessions (evaluation.results)."""
    event = get_event_for_user(request, pk, action="organise")
    context = {
        "event": event,
        "groups": evaluation.results(event),
        "shown_from": evaluation.SHOWN_FROM,
    }
    return render(request, "feedback/results.html", context)


@login_required
@require_GET
def results_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as CSV: one row per rating given (with its count) and per average, one
    per free-text answer with the name only where the respondent gave it. The same threshold
    as the page: a group with too few responses has one row saying so. The page's 6 queries
    and the export's audit record."""
    event = get_event_for_user(request, pk, action="organise")
    header = ["Part", "Responses", "Question", "Rating", "Count", "Answer", "Name given"]
    rows = []
    for group in evaluation.results(event):
        if not group.shown:
            rows.append([group.title, group.responses, "", "", "", "Too few answers to show", ""])
            continue
        for rating in group.ratings:
            for value, count in rating.distribution:
                rows.append([group.title, group.responses, rating.question, value, count, "", ""])
            rows.append(
                [group.title, group.responses, rating.question, "Average", rating.average, "", ""]
            )
        for text in group.texts:
            for answer, name in text.answers:
                rows.append([group.title, group.responses, text.question, "", "", answer, name])
    security_log(
        kind="export", user=request.user, request=request, what="evaluation", event=event.pk
    )
    return csv_response(filename=f"event-{event.pk}-evaluation.csv", header=header, rows=rows)
