"""The access helpers' one contract: fetch a row for a request, 404 when the user may not see
it, 403 when they may see it but not do what they asked. Each app's `get_<obj>_for_user`
names its rules; the decisions live in the app's rules.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

Row = TypeVar("Row", bound=Model)


def row_for_user(
    rows: QuerySet[Row],
    user,
    *,
    can_view: Callable[..., bool],
    rules: Mapping[str, Callable[..., bool]],
    action: str,
    missing: str,
    refused: str,
    **lookup,
) -> Row:
    """The row `lookup` finds in `rows`, if `user` may see it (`can_view`) and, for any action
    but "view", may do it (`rules[action]`: an unknown action is an error, never a pass)."""
    check = None if action == "view" else rules[action]
    row = get_object_or_404(rows, **lookup)
    if not can_view(user, row):
        raise Http404(missing)
    if check is not None and not check(user, row):
        raise PermissionDenied(refused)
    return row
