"""A person's history: who changed their profile and roles, and what, field by field."""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from people.access import get_person_for_user
from people.history import entries
from people.models import Person, RoleAssignment
from people.posts import Post
from people.rules import can_see_contacts

PAGE_SIZE = 20


@login_required
@require_GET
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Newest first, each version of the profile, a role or a post against the one before it;
    for those who may edit the profile. Five queries whatever the number of versions: the
    person, their profile, role and post versions (each with who made it)."""
    person = get_person_for_user(request, pk, action="history")
    show_contacts = can_see_contacts(request.user, person)
    who = ("history_user", "history_user__person")
    profile = list(
        person.history.select_related(*who, "school", "organisation").order_by(
            "-history_date", "-history_id"
        )
    )
    roles = list(
        RoleAssignment.history.filter(person_id=person.pk)
        .select_related(*who, "role_type", "specialism", "partnership")
        .order_by("id", "-history_date", "-history_id")
    )
    posts = list(
        Post.history.filter(person_id=person.pk)
        .select_related(*who, "school")
        .order_by("id", "-history_date", "-history_id")
    )
    timeline = entries(profile, model=Person, show_contacts=show_contacts)
    for _, versions in groupby(roles, key=attrgetter("id")):
        timeline += entries(list(versions), model=RoleAssignment, show_contacts=show_contacts)
    for _, versions in groupby(posts, key=attrgetter("id")):
        timeline += entries(
            list(versions),
            model=Post,
            show_contacts=show_contacts,
            subject=lambda record: f"Post at {record.school.name}",
        )
    timeline.sort(key=attrgetter("when"), reverse=True)
    page = Paginator(timeline, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/history.html", {"person": person, "page_obj": page})
