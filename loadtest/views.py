"""The views the fault run breaks on purpose, around the events app's real registration service.

Served only by loadtest.settings (see loadtest/urls.py); nothing here is in the portal's URLs.
Each one registers the signed-in user through `events.services.registration_create` (the event
row locked, the registration saved) inside a transaction, then fails or hangs before the
transaction ends.
"""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from alliance.permissions import person_of
from events.models import Event
from events.services import registration_create
from people.models import Person


class FaultInjected(RuntimeError):
    """Raised on purpose after a first write, to show it is rolled back."""


def _person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied("This account has no profile.")
    return person


@login_required
@require_POST
def fail_after_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Registers through the real service, then fails: the transaction must leave nothing."""
    event = get_object_or_404(Event, pk=pk)
    person = _person(request)
    with transaction.atomic():
        registration_create(event=event, person=person)
        raise FaultInjected("failed after the first write")


@login_required
@require_POST
def slow_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Registers through the real service, then works for three worker timeouts: gunicorn kills
    the worker mid-transaction and PostgreSQL must roll the registration back."""
    event = get_object_or_404(Event, pk=pk)
    person = _person(request)
    with transaction.atomic():
        registration = registration_create(event=event, person=person)
        time.sleep(3 * settings.FAULT_WORKER_TIMEOUT_SECONDS)
    return JsonResponse({"registration": registration.pk})
