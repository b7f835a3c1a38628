"""Writes about running a meeting: answers (RSVP), calling it off, the roll call, minutes and
their actions. Each is one transaction with the event's row locked, so two organisers acting
at once are served one after the other.

Reads that several pages share are here too: who is expected at a meeting, and the open
actions carried into a meeting's agenda.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from events.models import Attendance, Event, MinuteAction, Registration, Rsvp
from events.services import EventError
from people.models import Person
from programme.services import choices_release_all

Answer = Rsvp.Answer


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def rsvp_answer(*, event: Event, person: Person, answer: str, reason: str = "") -> Rsvp:
    """Record `person`'s answer (one per person per meeting; a new answer replaces the old).
    A reason is kept only with apologies."""
    event = _lock(event)
    if not event.is_meeting:
        raise EventError("This event takes registrations, not answers.", code="not_meeting")
    if event.is_cancelled:
        raise EventError("This meeting has been cancelled.", code="cancelled")
    if event.ends_at <= timezone.now():
        raise EventError("This meeting has already taken place.", code="past")
    if answer not in Answer.values:
        raise EventError("Choose going or can't attend.", code="answer")
    rsvp = Rsvp.objects.filter(event=event, person=person).first() or Rsvp(
        event=event, person=person
    )
    rsvp.answer = answer
    rsvp.reason = reason.strip() if answer == Answer.APOLOGIES else ""
    rsvp.full_clean()
    rsvp.save()
    return rsvp


@transaction.atomic
def event_call_off(*, event: Event, user, reason: str) -> Event:
    """Cancel the event: it keeps its page, marked "Cancelled" with the reason; the
    notifications' next pass sends the calendar cancellation to everyone it invited."""
    event = _lock(event)
    if event.is_cancelled:
        raise EventError("This event is already cancelled.", code="cancelled")
    if event.ends_at <= timezone.now():
        raise EventError("This event has already taken place.", code="past")
    event.cancelled_at = timezone.now()
    event.cancelled_by = user if user.is_authenticated else None
    event.cancel_reason = reason.strip()
    event.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
    choices_release_all(event=event)
    return event


def expected_people(event: Event) -> QuerySet[Person]:
    """Who is expected at a meeting: the group's members and chair (or, for a partnership's
    meeting, the heads of its current member schools), the meeting's chair and minute-taker,
    and anyone who answered, registered or was marked. One query, each person's school with
    them, annotated with their answer (`answer`, `reason`) and their mark (`marked`), if any."""
    who = Q(pk__in=[pk for pk in (event.chair_id, event.minute_taker_id) if pk])
    who |= Q(pk__in=Rsvp.objects.filter(event=event).values("person_id"))
    who |= Q(pk__in=Attendance.objects.filter(event=event).values("person_id"))
    who |= Q(
        pk__in=Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).values("person_id")
    )
    if event.network_group_id:
        who |= Q(network_groups=event.network_group_id) | Q(chaired_groups=event.network_group_id)
    elif event.partnership_id:
        today = timezone.localdate()
        who |= Q(
            headships__memberships__partnership=event.partnership_id,
        ) & (
            Q(headships__memberships__left_on__isnull=True)
            | Q(headships__memberships__left_on__gte=today)
        )
    rsvp = Rsvp.objects.filter(event=event, person=OuterRef("pk"))
    mark = Attendance.objects.filter(event=event, person=OuterRef("pk"))
    return (
        Person.objects.filter(who)
        .select_related("school")
        .distinct()
        .annotate(
            answer=Subquery(rsvp.values("answer")[:1]),
            reason=Subquery(rsvp.values("reason")[:1]),
            marked=Subquery(mark.values("status")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def attendance_record(*, event: Event, user, marks: Mapping[int, str]) -> int:
    """The roll call: one status per person (person id -> Attendance.Status). Only once the
    meeting has started, and not for a cancelled one. Returns how many people were marked."""
    event = _lock(event)
    if event.is_cancelled:
        raise EventError("This meeting was cancelled: there is no roll call.", code="cancelled")
    if not event.has_happened():
        raise EventError("The roll call opens when the meeting starts.", code="not_held")
    schools = dict(Person.objects.filter(pk__in=list(marks)).values_list("pk", "school_id"))
    existing = {a.person_id: a for a in Attendance.objects.filter(event=event)}
    for person_id, status in marks.items():
        if person_id not in schools or status not in Attendance.Status.values:
            raise EventError("Choose a status for each person listed.", code="bad_mark")
        row = existing.get(person_id) or Attendance(
            event=event, person_id=person_id, school_id=schools[person_id]
        )
        row.status = status
        row.recorded_by = user
        row.full_clean()
        row.save()
    return len(marks)


@dataclass(frozen=True)
class NewAction:
    description: str
    owner_id: int | None
    due_on: datetime.date | None


@transaction.atomic
def minutes_save(
    *, event: Event, user, minutes: str, new_actions: Sequence[NewAction] = ()
) -> Event:
    """Save the minutes' text (a draft until published, or a correction after) and add the
    actions agreed."""
    event = _lock(event)
    if event.is_cancelled:
        raise EventError("This meeting was cancelled: it has no minutes.", code="cancelled")
    event.minutes = minutes
    event.full_clean()
    event.save(update_fields=["minutes", "updated_at"])
    for new in new_actions:
        action = MinuteAction(
            event=event, description=new.description, owner_id=new.owner_id, due_on=new.due_on
        )
        action.full_clean()
        action.save()
    return event


@transaction.atomic
def minutes_publish(*, event: Event, user) -> Event:
    """Make the minutes visible to the members, recording who published them and when. The
    notifications' next pass tells the group and the heads."""
    event = _lock(event)
    if event.is_cancelled:
        raise EventError("This meeting was cancelled: it has no minutes.", code="cancelled")
    if not event.has_happened():
        raise EventError(
            "Minutes can be published once the meeting has taken place: "
            f"it starts on {timezone.localtime(event.starts_at):%-d %B %Y at %H:%M}.",
            code="not_held",
        )
    if event.minutes_published:
        raise EventError("These minutes are already published.", code="published")
    if not event.minutes.strip() and not event.actions.exists():
        raise EventError("Write the minutes before publishing them.", code="empty")
    event.minutes_published_at = timezone.now()
    event.minutes_published_by = user if user.is_authenticated else None
    event.save(update_fields=["minutes_published_at", "minutes_published_by", "updated_at"])
    return event


@transaction.atomic
def action_mark_done(*, action: MinuteAction, user) -> MinuteAction:
    action = MinuteAction.objects.select_for_update().get(pk=action.pk)
    if action.status == MinuteAction.Status.DONE:
        raise EventError("This action is already done.", code="done")
    action.status = MinuteAction.Status.DONE
    action.done_at = timezone.now()
    action.save(update_fields=["status", "done_at"])
    return action


def carried_actions(event: Event) -> QuerySet[MinuteAction]:
    """Open actions from the published minutes of the same group's (or partnership's) earlier
    meetings: the standing "matters arising" of this meeting's agenda."""
    if event.network_group_id:
        same = Q(event__network_group=event.network_group_id)
    elif event.partnership_id:
        same = Q(event__partnership=event.partnership_id, event__network_group__isnull=True)
    else:
        return MinuteAction.objects.none()
    return (
        MinuteAction.objects.open()
        .published()
        .filter(same, event__starts_at__lt=event.starts_at)
        .exclude(event=event)
    )


def apologies_text(people: Sequence[Person]) -> str:
    """The "Apologies" paragraph a blank draft starts with, from the answers of the people
    expected_people() read."""
    names = [
        f"{p.display_name} ({p.reason})" if p.reason else p.display_name
        for p in people
        if p.answer == Answer.APOLOGIES
    ]
    if not names:
        return ""
    return "Apologies: " + "; ".join(names) + ".\n\n"
