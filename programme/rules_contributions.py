"""Who may ask the member schools for contributions, and who answers for a school."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from alliance.permissions import is_admin, person_of
from events.rules import can_organise_event
from partnerships.models import Membership
from programme.contributions import is_asked
from programme.models import ContributionRequest
from schools.models import School
from schools.rules import can_edit_school


def can_organise_contributions(user, request: ContributionRequest) -> bool:
    """The event's organisers (its partnership's coordinators, its group's chairs, admins)."""
    return can_organise_event(user, request.event)


def can_answer_for_school(user, request: ContributionRequest, school: School | None) -> bool:
    """The head and the profile editors of a school that is asked (and admins, for any school
    that is asked): the people who may speak for the school. For the user's own school, an
    event read with answer_annotations answers without a query."""
    if school is None:
        return False
    person = person_of(user)
    annotated = request.event.__dict__.get("answers_for_school")
    if annotated is not None and person is not None and school.pk == person.school_id:
        return bool(annotated)
    if not can_edit_school(user, school):
        return False
    return is_asked(request.event, school)


def answer_annotations(user) -> dict:
    """An annotation for an Event queryset that answers can_answer_for_school for `user`'s own
    school with the event's row (`answers_for_school`), instead of reading the school and
    asking whether it is a current member of the event's (or its group's) partnership: the
    same rule, in SQL. None for a user without a school."""
    person = person_of(user)
    if person is None or not person.school_id:
        return {}
    asked = Exists(
        Membership.objects.current().filter(
            school=person.school_id,
            partnership=Coalesce(
                OuterRef("network_group__partnership_id"), OuterRef("partnership_id")
            ),
        )
    )
    if is_admin(user):
        speaks = Value(True)
    else:
        speaks = Exists(
            School.objects.filter(pk=person.school_id).filter(
                Q(headteacher=person.pk) | Q(editors=person.pk)
            )
        )
    return {"answers_for_school": asked & speaks}
