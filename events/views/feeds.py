"""iCalendar: one event, subscribable feeds per partnership and group, and a private feed per
person at a secret URL they can regenerate or switch off."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alliance.permissions import person_of
from events.ical import calendar_response, webcal_url
from events.models import CalendarFeedToken, Event
from events.services import feed_token_regenerate, feed_token_revoke
from events.views.access import get_event_for_user
from partnerships.models import NetworkGroup, Partnership

# Feeds carry a year of history and everything to come.
FEED_HISTORY = datetime.timedelta(days=365)


def _feed_events(events):
    return events.filter(ends_at__gte=timezone.now() - FEED_HISTORY).order_by("starts_at")


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request, pk)
    return calendar_response(
        [event], name=event.title, filename=f"event-{event.pk}.ics", request=request
    )


@require_GET
def partnership_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Published events of a published partnership. Calendar apps subscribe without signing
    in, so the feed is public and never shows unpublished events. One events query."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if not partnership.is_published:
        raise Http404("No such feed.")
    events = _feed_events(Event.objects.published().filter(partnership=partnership).for_list())
    return calendar_response(
        events, name=partnership.name, filename=f"{partnership.slug}.ics", request=request
    )


@require_GET
def group_feed(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    """Published events of a network group of a published partnership. One events query."""
    group = get_object_or_404(
        NetworkGroup.objects.select_related("partnership"),
        partnership__slug=slug,
        slug=group_slug,
    )
    if not group.partnership.is_published:
        raise Http404("No such feed.")
    events = _feed_events(Event.objects.published().filter(network_group=group).for_list())
    name = f"{group.partnership.name}: {group.name}"
    return calendar_response(events, name=name, filename=f"{group.slug}.ics", request=request)


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own events (registered, chairing, minuting, at their school), published or
    not: the secret URL stands for them. A revoked or regenerated token answers 404."""
    feed = get_object_or_404(CalendarFeedToken.objects.select_related("person__user"), token=token)
    person = feed.person
    if person.erased_at or (person.user is not None and not person.user.is_active):
        raise Http404("No such feed.")
    events = _feed_events(Event.objects.for_person(person).for_list())
    return calendar_response(events, name="My events", filename="my-events.ics", request=request)


@login_required
@require_http_methods(["GET", "POST"])
def my_feed(request: HttpRequest) -> HttpResponse:
    """Show, create, regenerate or switch off the signed-in person's private feed URL."""
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feed_token_revoke(person=person)
            messages.success(request, "Your calendar feed is switched off.")
        else:
            feed_token_regenerate(person=person)
            messages.success(
                request, "Your new feed address is ready. The old address no longer works."
            )
        return redirect("events:my_feed")
    feed = CalendarFeedToken.objects.filter(person=person).first()
    feed_url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    webcal = webcal_url(request, feed.get_absolute_url()) if feed else ""
    context = {"feed": feed, "feed_url": feed_url, "webcal_url": webcal}
    return render(request, "events/my_feed.html", context)
