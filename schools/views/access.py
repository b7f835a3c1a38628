"""Fetching a school for a request: 404 when the user may not see it, 403 when they may see it
but not do what they asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

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
    school = get_object_or_404(schools, slug=slug)
    if not can_view_school(request.user, school):
        raise Http404("No such school.")
    if action != "view" and not _ALLOWED[action](request.user, school):
        raise PermissionDenied(f"You may not {action} this school's profile.")
    return school
