"""Fetch a person the way the request may: 404 if they may not see them, 403 if they may see
but not do the action. The decisions themselves live in people.rules."""

from __future__ import annotations

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest

from alliance.lib.access import row_for_user
from people.models import Person
from people.rules import can_edit_person, can_erase_person, can_manage_roles, can_view_person

Action = Literal["view", "edit", "history", "roles", "erase"]

_ALLOWED = {
    "edit": can_edit_person,
    # History is for those who may edit the profile.
    "history": can_edit_person,
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
    return row_for_user(
        Person.objects.all() if queryset is None else queryset,
        request.user,
        can_view=can_view_person,
        rules=_ALLOWED,
        action=action,
        missing="No such person.",
        refused="You may not change this person's profile.",
        pk=pk,
    )
