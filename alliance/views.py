from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from alliance.permissions import person_of
from events.models import Event
from partnerships.models import NetworkGroup, Partnership


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What's on, my school, my partnerships and groups. A fixed number of queries."""
    events = (
        Event.objects.visible_to(request.user)
        .upcoming()
        .select_related("host_school", "network_group")[:8]
    )
    person = person_of(request.user)
    context = {
        "events": events,
        "person": person,
        "my_school": person.school if person else None,
        "my_partnerships": [],
        "my_groups": [],
    }
    if person is not None:
        context["my_partnerships"] = Partnership.objects.for_person(person).order_by("name")
        context["my_groups"] = NetworkGroup.objects.for_person(person)
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
