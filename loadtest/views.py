"""Stand-in writes for the load test and the views the fault run breaks on purpose.

Served only by loadtest.settings (see loadtest/urls.py); nothing here is in the portal's URLs.
"""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from alliance.permissions import person_of
from events.models import Event, Registration
from people.models import Person


class FaultInjected(RuntimeError):
    """Raised on purpose after a first write, to show it is rolled back."""


@transaction.atomic
def registration_toggle(*, event: Event, person: Person) -> str:
    """Register the person (confirmed while places last, else waitlisted) or cancel.

    The event row is locked first, so two workers never both take the last place: confirmed
    registrations never exceed the capacity, which the fault run checks in SQL afterwards.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing is not None:
        existing.delete()
        return "cancelled"
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    Registration.objects.create(event=event, person=person, status=status)
    return status


def _person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionError("This account has no profile.")
    return person


@login_required
@require_POST
def register_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    person = _person(request)
    outcome = registration_toggle(event=event, person=person)
    return JsonResponse({"outcome": outcome, "person": person.pk})


@login_required
@require_POST
def profile_edit(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    person.job_title = request.POST.get("job_title", person.job_title)[:200]
    # Validate the field this edit changes, not the rest of the (demo) profile.
    person.clean_fields(exclude=[f.name for f in Person._meta.fields if f.name != "job_title"])
    person.save(update_fields=["job_title"])
    return JsonResponse({"job_title": person.job_title})


@login_required
@require_POST
def fail_after_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Writes a registration, then fails: the transaction must leave nothing behind."""
    event = get_object_or_404(Event, pk=pk)
    person = _person(request)
    with transaction.atomic():
        Registration.objects.create(event=event, person=person)
        raise FaultInjected("failed after the first write")


@login_required
@require_POST
def slow_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Writes a registration, then works for three worker timeouts: gunicorn kills the worker
    mid-transaction and PostgreSQL must roll the write back."""
    event = get_object_or_404(Event, pk=pk)
    person = _person(request)
    with transaction.atomic():
        Registration.objects.create(event=event, person=person)
        time.sleep(3 * settings.FAULT_WORKER_TIMEOUT_SECONDS)
    return JsonResponse({"outcome": "should never get here"})
