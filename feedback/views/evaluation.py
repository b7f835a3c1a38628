"""The evaluation form for those who attended, and their certificate of attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alliance.permissions import person_of
from events.views.access import get_event_for_user
from feedback import evaluation
from feedback.forms import EvaluationForm
from feedback.rules import can_answer_evaluation, can_print_certificate
from feedback.services import EvaluationError, evaluation_submit


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The form about the event and each session the person went to; once answered, a
    thank-you page. 404 for an event the user may not see, 403 (with the reason) for a member
    who was not marked attended or once the form has closed. Session, user, the event (with
    whether the person was marked attended), answered, questions (chosen or default) and the
    sessions (with the person's places): 6 queries, whatever the number of sessions."""
    event = get_event_for_user(request, pk)
    person = person_of(request.user)
    attended = evaluation.has_attended(person, event)
    open_now = evaluation.is_open(event)
    if not can_answer_evaluation(request.user, event, attended=attended, open_now=open_now):
        context = {"event": event, "attended": attended, "open_now": open_now}
        return render(request, "feedback/unavailable.html", context, status=403)
    if evaluation.has_answered(person, event):
        if request.method == "POST":
            messages.info(request, "You have already answered: an evaluation is answered once.")
        return render(request, "feedback/thanks.html", {"event": event})
    asked = evaluation.questions_for(event)
    sessions = evaluation.sessions_attended(person, event) if asked.session else []
    data = request.POST if request.method == "POST" else None
    form = EvaluationForm(data, asked=asked, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(
                event=event,
                person=person,
                parts=form.parts(),
                named=form.cleaned_data["named"],
                today=timezone.localdate(),
            )
        except EvaluationError as error:
            messages.info(request, error.message)
        else:
            messages.success(request, "Thank you: your answers are saved.")
        return redirect("feedback:form", pk=event.pk)
    status = 400 if form.is_bound else 200
    return render(request, "feedback/form.html", {"event": event, "form": form}, status=status)


@login_required
@require_GET
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable certificate that the viewer attended: 404 unless they were marked attended
    (nobody else's certificate can be asked for). At most 8 queries."""
    event = get_event_for_user(request, pk)
    person = person_of(request.user)
    attended = evaluation.has_attended(person, event)
    if not can_print_certificate(request.user, event, attended=attended):
        raise Http404("No certificate.")
    sessions = evaluation.sessions_attended(person, event)
    hours = round((event.ends_at - event.starts_at).total_seconds() / 3600, 1)
    context = {
        "event": event,
        "person": person,
        "sessions": sessions,
        "hours": int(hours) if hours == int(hours) else hours,
        "issued_on": timezone.localdate(),
    }
    return render(request, "feedback/certificate.html", context)
