"""The reads the programme pages need, each a fixed number of queries whatever the number of
slots, sessions, presenters and choices."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliance.lib.nested import instances, json_rows
from events.models import Event, Registration
from people.models import Person
from programme.models import Choice, Session, Slot

Status = Choice.Status


def presenters_queryset() -> QuerySet[Person]:
    """What a presenter's line shows: name, school and, where allowed, e-mail."""
    return Person.objects.select_related("school").order_by("last_name", "first_name", "pk")


# The fields of a choice that the pages read (its status and session), for `json_rows`.
CHOICE_FIELDS = ("id", "slot_id", "session_id", "person_id", "status")


def count_annotations() -> dict:
    """How many confirmed and waiting-list choices a session has, as annotations on its row:
    read back with `counts_of`."""
    return {
        "chosen_confirmed": Count("choices", filter=Q(choices__status=Status.CONFIRMED)),
        "chosen_waitlisted": Count("choices", filter=Q(choices__status=Status.WAITLISTED)),
    }


def counts_of(session: Session) -> dict[str, int]:
    """{"confirmed": n, "waitlisted": n} from a session read with `count_annotations`."""
    return {"confirmed": session.chosen_confirmed, "waitlisted": session.chosen_waitlisted}


def sessions_queryset(*, counts: bool = False) -> QuerySet[Session]:
    """Sessions with their presenters; with `counts`, each with `count_annotations`."""
    sessions = Session.objects.prefetch_related(
        Prefetch("presenters", queryset=presenters_queryset())
    )
    if counts:
        sessions = sessions.annotate(**count_annotations())
    return sessions.order_by("strand", "title", "pk")


def own_choice_rows(person: Person, *, link: str = "slot_id"):
    """The person's choice (at most one per slot) on the slot or session row that `link`
    points to, as a JSON list: read back with `own_choice`."""
    return json_rows(
        Choice.objects.filter(**{link: OuterRef("pk")}, person=person),
        link=link,
        fields=CHOICE_FIELDS,
    )


def own_choice(rows: list[dict] | None) -> Choice | None:
    """The choice of `own_choice_rows`, or None."""
    choices = instances(Choice, rows, order_by=["pk"])
    return choices[0] if choices else None


def slots_of(
    event_ids: Iterable[int], *, counts: bool = False, person: Person | None = None
) -> list[Slot]:
    """The events' slots in time order, each with its sessions and their presenters: three
    queries (slots, sessions, presenters). With `counts`, each session has
    `count_annotations`. With `person`, each slot has `choice` (the person's there, or None)
    and `registered` (whether the person holds a confirmed place at the slot's event), read
    with the slots."""
    slots = Slot.objects.filter(event_id__in=list(event_ids))
    if person is not None:
        slots = slots.annotate(
            choice_rows=own_choice_rows(person),
            registered=Exists(
                Registration.objects.filter(
                    event=OuterRef("event_id"),
                    person=person,
                    status=Registration.Status.CONFIRMED,
                )
            ),
        )
    slots = list(
        slots.prefetch_related(
            Prefetch("sessions", queryset=sessions_queryset(counts=counts))
        ).order_by("starts_at", "pk")
    )
    if person is not None:
        for slot in slots:
            slot.choice = own_choice(slot.__dict__.pop("choice_rows"))
    return slots


def places_left(session: Session, counts: dict[str, int]) -> int | None:
    if session.capacity is None:
        return None
    return max(session.capacity - counts.get("confirmed", 0), 0)


def is_registered(person: Person | None, event: Event) -> bool:
    if person is None:
        return False
    return Registration.objects.filter(
        event=event, person=person, status=Registration.Status.CONFIRMED
    ).exists()


@dataclass
class Day:
    date: datetime.date
    slots: list[Slot] = field(default_factory=list)


def days_of(slots: list[Slot]) -> list[Day]:
    """The slots grouped by their local (UK) day, for a page (and a printed page) per day."""
    return [
        Day(date=day, slots=list(rows))
        for day, rows in groupby(slots, key=lambda s: timezone.localtime(s.starts_at).date())
    ]


def registered_events(person: Person, *, since: datetime.datetime) -> list[Event]:
    """The events with a programme that `person` holds a confirmed place at or presents a
    session of, ending after `since`, in time order: one query."""
    return list(
        Event.objects.filter(
            Q(
                registrations__person=person,
                registrations__status=Registration.Status.CONFIRMED,
            )
            | Q(slots__sessions__presenters=person),
            ends_at__gte=since,
            cancelled_at__isnull=True,
        )
        .filter(Q(pk__in=Slot.objects.values("event_id")))
        .select_related("host_school")
        .order_by("starts_at", "pk")
        .distinct()
    )


def timetable_sessions(
    slots: list[Slot], person: Person | None = None
) -> list[tuple[Slot, Session | None, Choice | None]]:
    """Each slot (read by `slots_of` with the person) with the session the person goes to:
    the one they present (marked `presenting`), the one chosen, or the only session of a slot
    with one (a keynote, lunch), or None while they still have to choose."""
    rows = []
    for slot in slots:
        sessions = list(slot.sessions.all())
        choice = slot.choice
        presented = next(
            (s for s in sessions if person and any(p.pk == person.pk for p in s.presenters.all())),
            None,
        )
        if presented is not None:
            presented.presenting = True
            session, choice = presented, None
        elif choice is not None:
            session = next((s for s in sessions if s.pk == choice.session_id), None)
        elif len(sessions) == 1:
            session = sessions[0]
        else:
            session = None
        rows.append((slot, session, choice))
    return rows
