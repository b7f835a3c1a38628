"""Who may see, answer and run an availability poll.

A poll belongs to the members of its partnership (staff of its current member schools and its
coordinators) or of its network group (the members, the chair, and the partnership's
coordinators). They see it and answer it; nobody else learns it exists (404), except admins,
who see every poll. The partnership's coordinators (and a group's chair) run it: they open it
and fix its date (can_coordinate_partnership / can_coordinate_group, the planner's rule).
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When

from alliance.lib.nested import instances, json_rows
from alliance.permissions import is_admin, person_of
from partnerships.models import Membership, NetworkGroup, Partnership
from partnerships.rules import can_coordinate_group, can_coordinate_partnership
from polls.models import Poll, PollQuerySet


def participating(person) -> Q:
    """The polls `person` belongs to, as a condition on Poll rows (no join, no duplicates)."""
    current = Membership.objects.current().filter(partnership=OuterRef("partnership_id"))
    in_partnership = Q(Exists(current.filter(coordinator=person.pk)))
    if person.school_id:
        in_partnership |= Q(Exists(current.filter(school=person.school_id)))
    in_group = Q(network_group__chair=person.pk) | Q(
        Exists(
            NetworkGroup.members.through.objects.filter(
                networkgroup=OuterRef("network_group_id"), person=person.pk
            )
        )
    )
    coordinates = Q(Exists(current.filter(coordinator=person.pk)))
    return (Q(network_group__isnull=True) & in_partnership) | (
        Q(network_group__isnull=False) & (in_group | coordinates)
    )


def visible_polls(user, queryset: PollQuerySet | None = None) -> PollQuerySet:
    """The polls `user` may see, with `answerable` on each row (theirs to answer)."""
    queryset = Poll.objects.all() if queryset is None else queryset
    person = person_of(user)
    if person is None:
        if is_admin(user):
            return queryset.annotate(answerable=Value(False))
        return queryset.none()
    mine = participating(person)
    answerable = Case(
        When(mine, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    if not is_admin(user):
        queryset = queryset.filter(mine)
    return queryset.annotate(answerable=answerable)


def poll_rows(user, *, of: str) -> dict:
    """An annotation for a Partnership (`of="partnership"`) or NetworkGroup (`of="group"`)
    queryset: the polls of each row that `user` may see, as a short JSON list
    (alliance.lib.nested; `polls_from_rows` reads it back), read with the row itself. Empty
    for the public, who see no polls."""
    person = person_of(user)
    if person is None and not is_admin(user):
        return {}
    polls = Poll.objects.all() if is_admin(user) else Poll.objects.filter(participating(person))
    if of == "group":
        polls, link = polls.filter(network_group=OuterRef("pk")), "network_group"
    else:
        polls = polls.filter(partnership=OuterRef("pk"), network_group__isnull=True)
        link = "partnership"
    return {"poll_rows": json_rows(polls, link=link, fields=["id", "title", "closed_at"])}


def polls_from_rows(row) -> list[Poll]:
    """The polls poll_rows read with `row`: open ones first, newest first."""
    polls = instances(Poll, getattr(row, "poll_rows", None), order_by=["pk"])
    return sorted(polls, key=lambda poll: (not poll.is_open, -poll.pk))


def can_answer_poll(user, poll: Poll) -> bool:
    """Members answer while the poll is open (`poll` read through visible_polls)."""
    return poll.is_open and bool(getattr(poll, "answerable", False))


def can_run_poll(user, poll: Poll) -> bool:
    if poll.network_group_id:
        return can_coordinate_group(user, poll.network_group)
    return can_coordinate_partnership(user, poll.partnership)


def can_open_poll(user, partnership: Partnership, group: NetworkGroup | None) -> bool:
    if group is not None:
        return can_coordinate_group(user, group)
    return can_coordinate_partnership(user, partnership)
