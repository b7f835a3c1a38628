"""Who may answer an evaluation, read its results and print a certificate.

The facts (was the person marked attended, is the form open) are read by feedback.evaluation;
these functions decide from them, so a view asks one question in one place.
"""

from __future__ import annotations

from events.models import Event
from events.rules import can_organise_event


def can_answer_evaluation(user, event: Event, *, attended: bool, open_now: bool) -> bool:
    """Those marked attended at the roll call, while the evaluation is open."""
    return user.is_authenticated and attended and open_now


def can_read_results(user, event: Event) -> bool:
    """The event's organisers (its partnership's coordinators, its group's chair) and admins."""
    return can_organise_event(user, event)


def can_print_certificate(user, event: Event, *, attended: bool) -> bool:
    """Only the person marked attended, for themselves."""
    return user.is_authenticated and attended and not event.is_cancelled
