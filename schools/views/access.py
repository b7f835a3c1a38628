"""Fetching a school for a request: 404 when the user may not see it, 403 when they may see it
but not do what they asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest

from alliance.lib.access import row_for_user
from schools.models import School
from schools.rules import (
    can_edit_school,
    can_view_school,
    can_view_school_history,
    editor_annotations,
)

Action = Literal["view", "edit", "history"]

_ALLOWED: dict[str, Callable[..., bool]] = {
    "edit": can_edit_school,
    "history": can_view_school_history,
}


def get_school_for_user(
    request: HttpRequest,
    slug: str,
    *,
    action: Action = "view",
    queryset: QuerySet[School] | None = None,
) -> School:
    """The school with this slug, if `request.user` may do `action` to it."""
    schools = School.objects.all() if queryset is None else queryset
    # Whether the user edits this school comes with the row (the edit and history links).
    schools = schools.annotate(**editor_annotations(request.user, School))
    school = row_for_user(
        schools,
        request.user,
        can_view=can_view_school,
        rules=_ALLOWED,
        action=action,
        missing="No such school.",
        refused=f"You may not {action} this school's profile.",
        slug=slug,
    )
    return school
