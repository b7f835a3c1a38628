from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alliance.permissions import can_organise_event, can_view_event
from events.models import Event


def get_event_for_user(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(
        Event.objects.select_related(
            "host_school", "partnership", "network_group__partnership", "chair", "minute_taker"
        ),
        pk=pk,
    )
    if not can_view_event(request.user, event):
        raise Http404("No such event.")
    return event


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.visible_to(request.user)
        .upcoming()
        .select_related("host_school", "network_group", "partnership")
    )
    page = Paginator(events, 25).get_page(request.GET.get("page"))
    return render(request, "events/list.html", {"page_obj": page})


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk)
    context = {"event": event, "can_organise": can_organise_event(request.user, event)}
    return render(request, "events/detail.html", context)
