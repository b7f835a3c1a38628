""" "Going" and "Send apologies" from an invitation, without signing in: the calendar
invitation asks for no reply (an "Accept" pressed in a mail program would go nowhere), so the
e-mail carries these two signed links instead. GET asks (link scanners fetch every link);
POST answers, through the events app's own rules: a meeting's answer (events.models.Rsvp,
"can't attend" with an optional reason), or for an event with places, a registration."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from events.meetings import rsvp_answer
from events.models import Event, Rsvp
from events.services import EventError, registration_cancel, registration_create
from notifications.rules import is_reachable
from notifications.services import portal_link
from notifications.tokens import read_rsvp_token, rsvp_token
from people.models import Person


def rsvp_urls(person: Person, event: Event) -> dict[str, str]:
    def url(answer: str) -> str:
        token = rsvp_token(person_id=person.pk, event_id=event.pk, answer=answer)
        return portal_link(f"/notifications/rsvp/{token}/")

    return {"going_url": url("going"), "apologies_url": url("apologies")}


@require_http_methods(["GET", "POST"])
def rsvp(request: HttpRequest, token: str) -> HttpResponse:
    found = read_rsvp_token(token)
    person = event = None
    if found is not None:
        person = Person.objects.select_related("user").filter(pk=found[0]).first()
        event = Event.objects.filter(pk=found[1]).first()
    if person is None or event is None or not is_reachable(person):
        return render(request, "notifications/rsvp_invalid.html", status=404)
    answer = found[2]
    outcome = ""
    if request.method == "POST":
        try:
            if event.is_meeting:
                reason = request.POST.get("reason", "").replace("\x00", "")[:300]
                kept = rsvp_answer(
                    event=event,
                    person=person,
                    answer=Rsvp.Answer.GOING if answer == "going" else Rsvp.Answer.APOLOGIES,
                    reason=reason,
                )
                outcome = "answer_" + kept.answer
            elif answer == "going":
                registration = registration_create(event=event, person=person)
                outcome = registration.get_status_display()
            else:
                registration_cancel(event=event, person=person)
                outcome = "apologies"
        except EventError as error:
            outcome = error.code
    return render(
        request,
        "notifications/rsvp.html",
        {"event": event, "answer": answer, "outcome": outcome, "done": bool(outcome)},
    )
