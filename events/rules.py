"""Who may see an event, organise it, register for it and read its minutes."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from alliance.permissions import is_admin, person_of
from events.models import VISIBILITY, Event, MinuteAction, Occasion
from partnerships.models import Membership, Partnership
from partnerships.rules import (
    can_coordinate_group,
    can_coordinate_partnership,
    can_view_partnership,
    chaired_groups,
    coordinating,
)
from people.models import Person


def can_view_event(user, event: Event) -> bool:
    return VISIBILITY.allows(user, event)


def can_organise_event(user, event: Event) -> bool:
    """The partnership's coordinators, the group's chair, and admins."""
    if is_admin(user):
        return True
    if event.network_group_id and can_coordinate_group(user, event.network_group):
        return True
    return bool(event.partnership_id and can_coordinate_partnership(user, event.partnership))


def can_run_meeting(user, event: Event) -> bool:
    """The meeting's chair and minute-taker, besides its organisers: they take the roll
    call, see the apologies and write and publish the minutes."""
    person = person_of(user)
    if person is not None and person.pk in (event.chair_id, event.minute_taker_id):
        return True
    return can_organise_event(user, event)


def can_register_for_event(user, event: Event) -> bool:
    return person_of(user) is not None and can_view_event(user, event)


def can_rsvp(user, event: Event) -> bool:
    """Members with a profile answer a meeting that is still to come and not called off."""
    return (
        event.is_meeting
        and not event.is_cancelled
        and person_of(user) is not None
        and can_view_event(user, event)
    )


def can_view_event_minutes(user, event: Event) -> bool:
    """The meeting's papers (documents) are for signed-in members who may see the event."""
    return user.is_authenticated and can_view_event(user, event)


def can_read_minutes(user, event: Event) -> bool:
    """The minutes' text and actions: for members once published; a draft only for those who
    run the meeting."""
    if not can_view_event_minutes(user, event):
        return False
    return event.minutes_published or can_run_meeting(user, event)


def can_mark_action_done(user, action: MinuteAction) -> bool:
    """The action's owner, and whoever runs the meeting that recorded it."""
    person = person_of(user)
    if person is not None and action.owner_id == person.pk:
        return True
    return can_run_meeting(user, action.event)


def can_view_participation(user, partnership: Partnership) -> bool:
    """Attendance by school and group: the partnership's coordinators, admins, and the heads
    of its current member schools (the report goes to the heads)."""
    if is_admin(user) or can_coordinate_partnership(user, partnership):
        return True
    person = person_of(user)
    if person is None:
        return False
    return (
        Membership.objects.current()
        .filter(partnership=partnership, school__headteacher=person)
        .exists()
    )


def can_plan_events(user) -> bool:
    """Whether the user organises anything at all: admins, coordinators and group chairs.

    Which partnerships and groups they may plan for is can_coordinate_partnership/_group.
    """
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    # Coordinator or chair, asked in one query.
    coordinates = coordinating(person).filter(coordinator=OuterRef("pk"))
    chairs = chaired_groups(person)
    return Person.objects.filter(Exists(coordinates) | Exists(chairs), pk=person.pk).exists()


def can_view_occasion(user, occasion: Occasion) -> bool:
    """An occasion is seen by those who may see its partnership (its meetings each by their
    own rule); one without a partnership by signed-in members."""
    if occasion.partnership_id is None:
        return user.is_authenticated
    return can_view_partnership(user, occasion.partnership)


def can_view_occasion_report(user, occasion: Occasion) -> bool:
    """Attendance per school across the occasion: as the partnership's participation report
    (its coordinators, the heads of its member schools, admins)."""
    if occasion.partnership_id is None:
        return is_admin(user)
    return can_view_participation(user, occasion.partnership)
