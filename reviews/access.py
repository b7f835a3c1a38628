"""Fetching a review for a request: 404 unless the user may read it, 403 when they may read
it but not do what they asked."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest

from alliance.lib.access import row_for_user
from reviews.models import Review
from reviews.rules import can_share_review, can_view_review, can_write_report

Action = Literal["view", "write", "share"]
_RULES = {"write": can_write_report, "share": can_share_review}


def get_review_for_user(request: HttpRequest, pk: int, *, action: Action = "view") -> Review:
    return row_for_user(
        Review.objects.select_related("event", "school").prefetch_related(
            "reviewers", "shared_with"
        ),
        request.user,
        can_view=can_view_review,
        rules=_RULES,
        action=action,
        missing="No such review.",
        refused="Only the reviewers write the report; the reviewed school's head shares it.",
        event_id=pk,
    )
