"""Who may ask the member schools for contributions, and who answers for a school."""

from __future__ import annotations

from events.rules import can_organise_event
from programme.contributions import is_asked
from programme.models import ContributionRequest
from schools.models import School
from schools.rules import can_edit_school


def can_organise_contributions(user, request: ContributionRequest) -> bool:
    """The event's organisers (its partnership's coordinators, its group's chairs, admins)."""
    return can_organise_event(user, request.event)


def can_answer_for_school(user, request: ContributionRequest, school: School | None) -> bool:
    """The head and the profile editors of a school that is asked (and admins, for any school
    that is asked): the people who may speak for the school."""
    if school is None or not can_edit_school(user, school):
        return False
    return is_asked(request.event, school)
