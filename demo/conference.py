"""The demo's conferences with programmes: the alliance's joint conference held a few weeks
ago (two keynotes, three slots of four parallel workshops, 150 staff registered with their
choices, waiting lists where workshops were small, and the day's attendance), and the
programme of the conference to come, open for choosing.

Rows are written in bulk on the first build and left alone on the next: building twice
changes nothing. The choices come from a generator seeded from the builder's, so the same
people choose the same workshops on every build.
"""

from __future__ import annotations

import datetime
import random

from demo.events import UPCOMING_CONFERENCE
from events.models import Attendance, Event, EventKind, Registration
from people.models import Person
from programme.models import Choice, Session, Slot

Kind = Session.Kind

OPENING = ("Opening keynote", "Belonging: schools that know every child")
CLOSING = ("Closing keynote", "What we will do on Monday")
# Three rounds of four parallel workshops: (title, strand, room, capacity). The small rooms
# fill first, so some workshops have waiting lists.
WORKSHOPS = [
    [
        ("Phonics that sticks in Year 1", "Early reading", "Library", 45),
        ("Mastery in maths: the bar model", "Maths", "Room 12", 40),
        ("Adaptive teaching for SEND", "SEND", "Studio", 12),
        ("Outdoor learning on a budget", "Curriculum", "Room 4", 45),
    ],
    [
        ("Writing moderation in practice", "Writing", "Library", 45),
        ("Attendance: first-day calling", "Attendance", "Room 12", 35),
        ("Oracy across the curriculum", "Curriculum", "Drama studio", 14),
        ("Fractions without fear", "Maths", "Room 4", 45),
    ],
    [
        ("Early years: the power of play", "Early years", "Studio", 16),
        ("Leading a subject in a small school", "Leadership", "Room 12", 45),
        ("Trauma-informed classrooms", "SEND", "Library", 45),
        ("Assessment that informs teaching", "Assessment", "Room 4", 40),
    ],
]
# Popular workshops are chosen more often than others.
WEIGHTS = [3, 2, 4, 1]
REGISTRANTS = 150
PAST_CONFERENCE = "Eastbridge alliance conference: learning together"
DEMO_STAFF = "staff@example.org"

UPCOMING = [
    ("Opening keynote", [("Reading for pleasure in every school", Kind.KEYNOTE, "", None)]),
    (
        "Workshops 1",
        [
            ("Coaching conversations", Kind.WORKSHOP, "Room 12", 8),
            ("Science enquiry in KS2", Kind.WORKSHOP, "Lab 2", 6),
            ("Inclusive PE", Kind.WORKSHOP, "Sports hall", 20),
            ("SEND reviews that involve families", Kind.PANEL, "Library", None),
        ],
    ),
    (
        "Workshops 2",
        [
            ("Vocabulary instruction", Kind.WORKSHOP, "Room 12", 20),
            ("Maths meetings: five minutes a day", Kind.WORKSHOP, "Lab 2", 20),
            ("Wellbeing for staff", Kind.PRESENTATION, "Library", None),
        ],
    ),
    ("Lunch", [("Lunch", Kind.BREAK, "Dining hall", None)]),
    ("Closing keynote", [("Transition that works", Kind.KEYNOTE, "", None)]),
]
UPCOMING_TIMES = [(9, 15, 45), (10, 15, 75), (11, 45, 75), (13, 0, 45), (14, 0, 45)]


def _slot(event: Event, title: str, starts: datetime.datetime, minutes: int) -> Slot:
    slot, _ = Slot.objects.get_or_create(
        event=event,
        title=title,
        defaults={"starts_at": starts, "ends_at": starts + datetime.timedelta(minutes=minutes)},
    )
    return slot


def _session(builder, slot: Slot, title: str, presenters=(), **fields) -> Session:
    session = builder._get_or_create(Session, slot=slot, title=title, defaults=fields)
    if presenters and not session.presenters.exists():
        session.presenters.add(*presenters)
    return session


def _presenters(rng: random.Random, staff: list[Person], count: int) -> list[Person]:
    return rng.sample(staff, count)


def build_conferences(builder, *, town, schools, staff_by_school) -> None:
    # A generator of its own, seeded from the builder's: one number is drawn on every build,
    # so what the builders after this one draw is the same on the first build and the next.
    rng = random.Random(builder.random.random())
    staff = sorted((p for people in staff_by_school.values() for p in people), key=lambda p: p.pk)
    _past_conference(builder, rng, town=town, host=schools[3], staff=staff)
    _upcoming_programme(builder, rng, town=town, staff=staff)


def _past_conference(builder, rng: random.Random, *, town, host, staff: list[Person]) -> None:
    anchor = builder.today - datetime.timedelta(days=builder.today.weekday())  # this Monday
    day = anchor - datetime.timedelta(weeks=5) + datetime.timedelta(days=3)
    starts = builder._at(day, 9, 0)
    event = builder._get_or_create(
        Event,
        partnership=town,
        title=PAST_CONFERENCE,
        defaults={
            "kind": EventKind.CONFERENCE,
            "host_school": host,
            "venue": f"{host.name}, main hall",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=6, minutes=30),
            "capacity": 200,
            "description": "The alliance's joint conference: two keynotes and twelve "
            "workshops led by staff from the member schools.",
        },
    )
    presenters = iter(_presenters(rng, staff, 2 + 4 * len(WORKSHOPS)))
    sessions_by_slot: list[list[Session]] = []
    title, talk = OPENING
    _session(
        builder,
        _slot(event, title, builder._at(day, 9, 15), 45),
        talk,
        presenters=[next(presenters)],
        kind=Kind.KEYNOTE,
        room="Main hall",
    )
    for number, rows in enumerate(WORKSHOPS):
        slot_start = builder._at(day, 10 + number + (1 if number == 2 else 0), 15)
        slot = _slot(event, f"Workshops {number + 1}", slot_start, 60)
        sessions_by_slot.append(
            [
                _session(
                    builder,
                    slot,
                    name,
                    presenters=[next(presenters)],
                    kind=Kind.WORKSHOP,
                    strand=strand,
                    room=room,
                    capacity=capacity,
                )
                for name, strand, room, capacity in rows
            ]
        )
    _session(builder, _slot(event, "Lunch", builder._at(day, 12, 15), 60), "Lunch", kind=Kind.BREAK)
    title, talk = CLOSING
    _session(
        builder,
        _slot(event, title, builder._at(day, 14, 45), 45),
        talk,
        presenters=[next(presenters)],
        kind=Kind.KEYNOTE,
        room="Main hall",
    )
    # Drawn on every build (the draws stay in step), written on the first only.
    registrants = rng.sample(staff, REGISTRANTS)
    # The demo staff login went, so that a demo visitor finds its evaluation and certificate.
    demo_staff = Person.objects.filter(user__email=DEMO_STAFF).first()
    if demo_staff is not None and demo_staff not in registrants:
        registrants[0] = demo_staff
    registrants.sort(key=lambda p: p.pk)
    choices = []
    for sessions in sessions_by_slot:
        taken = {s.pk: 0 for s in sessions}
        for person in registrants:
            session = rng.choices(sessions, weights=WEIGHTS)[0]
            full = taken[session.pk] >= session.capacity
            taken[session.pk] += 0 if full else 1
            status = Choice.Status.WAITLISTED if full else Choice.Status.CONFIRMED
            choices.append(
                Choice(slot_id=session.slot_id, session=session, person=person, status=status)
            )
    marks = rng.choices(
        [Attendance.Status.ATTENDED, Attendance.Status.APOLOGIES, Attendance.Status.ABSENT],
        weights=[90, 6, 4],
        k=len(registrants),
    )
    marks = [
        Attendance.Status.ATTENDED if person == demo_staff else mark
        for person, mark in zip(registrants, marks, strict=True)
    ]
    if Registration.objects.filter(event=event).exists():
        return
    Registration.objects.bulk_create(
        Registration(event=event, person=p, status=Registration.Status.CONFIRMED)
        for p in registrants
    )
    Choice.objects.bulk_create(choices)
    Attendance.objects.bulk_create(
        Attendance(event=event, person=p, school_id=p.school_id, status=mark)
        for p, mark in zip(registrants, marks, strict=True)
    )
    builder.created += 2 * len(registrants) + len(choices)


def _upcoming_programme(builder, rng: random.Random, *, town, staff: list[Person]) -> None:
    """The programme of the conference to come (demo.events builds it and its registrations,
    the demo staff login's among them): open for choosing, one workshop nearly full, one
    full with a waiting list, and the demo staff login yet to choose."""
    event = Event.objects.get(partnership=town, title=UPCOMING_CONFERENCE)
    day = event.starts_at.date()
    presenters = iter(_presenters(rng, staff, 9))
    sessions = []
    for (title, rows), (hour, minute, minutes) in zip(UPCOMING, UPCOMING_TIMES, strict=True):
        slot = _slot(event, title, builder._at(day, hour, minute), minutes)
        for name, kind, room, capacity in rows:
            sessions.append(
                _session(
                    builder,
                    slot,
                    name,
                    presenters=[] if kind == Kind.BREAK else [next(presenters)],
                    kind=kind,
                    room=room or "Main hall",
                    capacity=capacity,
                )
            )
    if Choice.objects.filter(slot__event=event).exists():
        return
    demo_staff = Person.objects.filter(user__email="staff@example.org").values_list("pk", flat=True)
    registered = list(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .exclude(person_id__in=demo_staff)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    coaching, science = sessions[1], sessions[2]
    choices = [
        Choice(slot_id=coaching.slot_id, session=coaching, person_id=pk)
        for pk in registered[:7]  # one place of eight left
    ]
    choices += [
        Choice(
            slot_id=science.slot_id,
            session=science,
            person_id=pk,
            status=Choice.Status.CONFIRMED if n < science.capacity else Choice.Status.WAITLISTED,
        )
        for n, pk in enumerate(registered[7:14])  # full, one waiting
    ]
    Choice.objects.bulk_create(choices)
    builder.created += len(choices)
