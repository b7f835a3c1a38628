"""The home page: what's on, my school, my partnerships and groups, read from the core."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.lib.pagecache import public_page
from alliance.permissions import person_of
from events.models import Event, MinuteAction
from partnerships.models import NetworkGroup, Partnership
from polls.models import newest_open_poll
from schools.models import School


@public_page
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What's on, my school, my partnerships and groups: a fixed number of queries (the events,
    then for a member with a profile their school, partnerships, groups and open actions, each
    read only as far as its links and labels need, with the newest open date poll of each)."""
    events = Event.objects.visible_to(request.user).upcoming().for_directory()[:8]
    person = person_of(request.user)
    context = {"events": events, "person": person}
    if person is not None:
        context["my_school"] = (
            School.objects.only("name", "slug").get(pk=person.school_id)
            if person.school_id
            else None
        )
        context["my_partnerships"] = list(
            Partnership.objects.for_person(person)
            .only("name", "slug", "kind")
            .annotate(**newest_open_poll("partnership"))
            .order_by("name")
        )
        # Actions the person owns, from published minutes: one query, with their meetings.
        context["my_actions"] = list(
            MinuteAction.objects.open().published().filter(owner=person).for_list()[:20]
        )
        context["my_groups"] = list(
            NetworkGroup.objects.for_person(person)
            .only("name", "slug", "chair", "partnership__name", "partnership__slug")
            .annotate(**newest_open_poll("group"))
        )
        # The polls of my partnerships and groups (polls.rules.participating: the same people).
        context["open_polls"] = [
            {"pk": row.open_poll_pk, "title": row.open_poll_title, "scope": row.name}
            for row in [*context["my_groups"], *context["my_partnerships"]]
            if row.open_poll_pk
        ]
    return render(request, "home.html", context)
