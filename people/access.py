"""Fetch a person the way the request may: 404 if they may not see them, 403 if they may see
but not do the action. The decisions themselves live in people.rules."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from people.models import Person
from people.rules import can_edit_person, can_erase_person, can_manage_roles, can_view_person

Action = Literal["view", "edit", "roles", "erase"]

_ALLOWED = {
    "edit": can_edit_person,
    "roles": can_manage_roles,
    "erase": can_erase_person,
}


def get_person_for_user(
    request: HttpRequest,
    pk: int,
    *,
    action: Action = "view",
    queryset: QuerySet[Person] | None = None,
) -> Person:
    person = get_object_or_404(queryset if queryset is not None else Person.objects.all(), pk=pk)
    if not can_view_person(request.user, person):
        raise Http404("No such person.")
    if action != "view" and not _ALLOWED[action](request.user, person):
        raise PermissionDenied("You may not change this person's profile.")
    return person
