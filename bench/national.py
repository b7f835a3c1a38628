"""Build a synthetic, deterministic national-scale alliance database with bulk inserts.

At scale 1: 25,000 schools, 500,000 people, ~600,000 role assignments, 2,000 partnerships with
~20,000 memberships and 4,000 network groups, 100,000 events. All names are generated from
word lists; e-mails are at example.org. Run through `bench/run.py`, which reuses the data when
the counts already match.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from events.models import Event, EventKind
from partnerships.models import (
    Focus,
    Membership,
    NetworkGroup,
    Partnership,
    PartnershipKind,
)
from people.models import ContactVisibility, Person, RoleAssignment, RoleType, Specialism
from schools.models import EstablishmentType, OfstedGrade, Phase, School
from search.index import reindex_all
from search.models import SearchDocument

LONDON = ZoneInfo("Europe/London")
BATCH = 5000

TOWNS = (  # noqa: SIM905 - word lists read best as prose
    "Stockport Macclesfield Altrincham Wilmslow Sale Bury Bolton Wigan Oldham Rochdale Leigh "
    "Warrington Crewe Nantwich Chester Runcorn Widnes Preston Blackburn Burnley Lancaster "
    "Kendal Carlisle Penrith Durham Darlington Hartlepool Whitby Scarborough Harrogate Ripon "
    "York Selby Goole Hull Beverley Grimsby Lincoln Boston Grantham Newark Mansfield Worksop "
    "Chesterfield Buxton Matlock Derby Leicester Loughborough Hinckley Rugby Coventry Warwick "
    "Stratford Redditch Worcester Hereford Ludlow Shrewsbury Telford Stafford Stoke Leek "
    "Uttoxeter Burton Tamworth Lichfield Walsall Dudley Kidderminster Bromsgrove Banbury "
    "Bicester Oxford Abingdon Didcot Reading Newbury Swindon Chippenham Trowbridge Salisbury "
    "Andover Basingstoke Winchester Southampton Eastleigh Fareham Portsmouth Chichester "
    "Worthing Brighton Lewes Eastbourne Hastings Tunbridge Maidstone Ashford Canterbury Dover"
).split()
WORDS = (  # noqa: SIM905 - word lists read best as prose
    "Oak Ash Elm Beech Birch Holly Hazel Willow Rowan Cedar Maple Alder Linden Yew Juniper "
    "Meadow Brook Valley Hill Field Park Green Moor Vale Ridge Bank Mill Bridge Castle Abbey "
    "Church Manor Grange Priory Heath Common Wood Forest Lane Road Street Cross Gate Well"
).split()
FIRST = (  # noqa: SIM905 - word lists read best as prose
    "Amelia Olivia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Emily Ella "
    "Poppy Evie Ruby Daisy Sienna Harriet Alice Florence Evelyn Chloe Jessica Lucy Hannah "
    "Oliver George Noah Arthur Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie Theo "
    "Alfie Jacob Thomas Finley Arlo William Isaac James Joshua Samuel Daniel Edward Joseph "
    "Priya Aisha Fatima Zara Maryam Amir Omar Yusuf Ibrahim Hamza Anaya Ravi Arjun Kiran Deepa "
    "Siobhan Niamh Ciaran Aoife Rhys Megan Gareth Bethan Callum Eilidh Ewan Morag Fraser Iona"
).split()
LAST = (  # noqa: SIM905 - word lists read best as prose
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson "
    "Evans Walker White Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner "
    "Martin Cooper Hill Ward Hughes Moore Clark King Harrison Lewis Baker Lee Allen Morris Khan "
    "Scott Watson Davis Parker James Bennett Young Phillips Richardson Mitchell Bailey Carter "
    "Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Marshall Simpson Anderson Ellis "
    "Adams Wilkinson Ali Mason Chapman Hussain Fox Marsden Quill Ahmed Kaur Murphy Holmes Webb "
    "Rogers Gray Mills Dixon Hunt Palmer Lloyd Barnes Knight Butler Russell Fisher"
).split()
SCHOOL_KINDS = ["Primary School", "Primary School", "Academy", "High School", "Infant School"]
PARTNERSHIP_KINDS = ["Schools Partnership", "Learning Trust", "Cluster", "Teaching Alliance"]
PHASES = [Phase.PRIMARY] * 7 + [Phase.SECONDARY] * 2 + [Phase.NURSERY, Phase.ALL_THROUGH]
TYPES = [t for t, _ in EstablishmentType.choices]
GRADES = [g for g, _ in OfstedGrade.choices]


def counts(scale: float) -> dict[str, int]:
    return {
        "schools": max(int(25_000 * scale), 20),
        "people": max(int(500_000 * scale), 200),
        "roles": max(int(600_000 * scale), 240),
        "partnerships": max(int(2_000 * scale), 4),
        "events": max(int(100_000 * scale), 40),
    }


def is_built(scale: float) -> bool:
    want = counts(scale)
    return (
        School.objects.count() == want["schools"]
        and Person.objects.count() == want["people"]
        and Event.objects.count() == want["events"]
        and SearchDocument.objects.count() > want["people"]
        # Built before the schools had coordinates: their pages did not list schools nearby.
        and not School.objects.filter(latitude=None).exists()
    )


def _progress(label: str, done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    bar = "#" * filled + "-" * (width - filled)
    sys.stderr.write(
        f"\r  {label:<14} [{bar}] {done:>9,}/{total:,} {time.perf_counter() - started:6.1f}s"
    )
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _bulk(model, rows_iter, total: int, label: str) -> None:
    started = time.perf_counter()
    batch, done = [], 0
    for row in rows_iter:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            _progress(label, done, total, started)
    if batch:
        model.objects.bulk_create(batch)
        done += len(batch)
    _progress(label, done, total, started)


def _wipe() -> None:
    tables = [
        m._meta.db_table
        for m in (Event, NetworkGroup, Membership, RoleAssignment, Person, Partnership, School)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}, search_searchdocument CASCADE")


def build(scale: float) -> None:
    """Replace the alliance data with the synthetic national data set for `scale`."""
    want = counts(scale)
    rnd = random.Random(42)
    _wipe()
    role_types, specialisms = list(RoleType.objects.all()), list(Specialism.objects.all())
    if not role_types or not specialisms:
        role_types, specialisms = _vocabularies()

    # Spread over England's bounding box, from a generator of their own (the rest of the data
    # stays as it was): about 10 schools within the 5 km a school page lists.
    places = random.Random(43)

    def schools():
        for i in range(want["schools"]):
            town = TOWNS[i % len(TOWNS)]
            kind = rnd.choice(SCHOOL_KINDS)
            name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {kind}"
            yield School(
                name=name,
                slug=f"school-{i}",
                urn=f"{100000 + i}",
                laestab=f"{800 + i % 150}{i % 10000:04d}",
                phase=rnd.choice(PHASES),
                establishment_type=rnd.choice(TYPES),
                town=town,
                local_authority=f"{town} council",
                postcode=f"{town[:2].upper()}{1 + i % 20} {i % 10}"
                f"{rnd.choice('ABDEFGHJ')}{rnd.choice('LNPQRSTU')}",
                pupils_on_roll=rnd.randint(40, 1800),
                ofsted_grade=rnd.choice(GRADES),
                is_published=rnd.random() < 0.9,
                latitude=Decimal(f"{places.uniform(50.4, 55.4):.6f}"),
                longitude=Decimal(f"{places.uniform(-4.2, 1.4):.6f}"),
            )

    with transaction.atomic():
        _bulk(School, schools(), want["schools"], "schools")
        school_ids = list(School.objects.order_by("pk").values_list("pk", flat=True))

        def people():
            visibilities = [c for c, _ in ContactVisibility.choices]
            for i in range(want["people"]):
                first, last = rnd.choice(FIRST), rnd.choice(LAST)
                yield Person(
                    first_name=first,
                    last_name=last,
                    job_title=rnd.choice(["Class teacher", "Teaching assistant", "Head of year"]),
                    school_id=school_ids[i % len(school_ids)],
                    email=f"{first.lower()}.{last.lower()}.{i}@example.org",
                    telephone=f"+4420794600{i % 100:02d}",
                    contact_visibility=rnd.choice(visibilities),
                )

        _bulk(Person, people(), want["people"], "people")
        first_person = Person.objects.order_by("pk").values_list("pk", flat=True).first()

        def roles():
            for _i in range(want["roles"]):
                specialism = rnd.choice(specialisms) if rnd.random() < 0.5 else None
                yield RoleAssignment(
                    person_id=first_person + rnd.randrange(want["people"]),
                    role_type=rnd.choice(role_types),
                    specialism=specialism,
                    starts_on=datetime.date(2015 + rnd.randrange(10), 9, 1),
                    ends_on=datetime.date(2025, 7, 20) if rnd.random() < 0.1 else None,
                )

        _bulk(RoleAssignment, roles(), want["roles"], "role assignments")

        kinds = [k for k, _ in PartnershipKind.choices]

        def partnerships():
            for i in range(want["partnerships"]):
                town = TOWNS[i % len(TOWNS)]
                yield Partnership(
                    name=f"{town} {rnd.choice(PARTNERSHIP_KINDS)} {i}",
                    slug=f"partnership-{i}",
                    kind=rnd.choice(kinds),
                    description=f"Schools around {town} working together.",
                    is_published=True,
                )

        _bulk(Partnership, partnerships(), want["partnerships"], "partnerships")
        partnership_ids = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))

        def memberships():
            for pid in partnership_ids:
                for sid in rnd.sample(school_ids, min(10, len(school_ids))):
                    yield Membership(
                        school_id=sid, partnership_id=pid, joined_on=datetime.date(2020, 9, 1)
                    )

        _bulk(Membership, memberships(), len(partnership_ids) * 10, "memberships")
        foci = [f for f, _ in Focus.choices]

        def groups():
            for i, pid in enumerate(partnership_ids):
                for n, focus in enumerate(rnd.sample(foci, 2)):
                    yield NetworkGroup(
                        partnership_id=pid,
                        name=f"{Focus(focus).label} network",
                        slug=f"group-{i}-{n}",
                        focus=focus,
                        chair_id=first_person + rnd.randrange(want["people"]),
                    )

        _bulk(NetworkGroup, groups(), len(partnership_ids) * 2, "network groups")
        group_rows = list(NetworkGroup.objects.values_list("pk", "partnership_id"))
        event_kinds = [k for k, _ in EventKind.choices]
        today = datetime.datetime(2026, 11, 23, 16, 0, tzinfo=LONDON)

        def events():
            for i in range(want["events"]):
                group_id, partnership_id = group_rows[i % len(group_rows)]
                starts = today + datetime.timedelta(days=rnd.randint(-365, 365))
                yield Event(
                    title=f"Network meeting {i}",
                    kind=rnd.choice(event_kinds),
                    partnership_id=partnership_id,
                    network_group_id=group_id,
                    host_school_id=rnd.choice(school_ids),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    capacity=30,
                    is_published=True,
                )

        _bulk(Event, events(), want["events"], "events")

    started = time.perf_counter()
    expected = sum(want.values()) - want["roles"] + len(group_rows)

    def indexed(kind: str, done: int) -> None:
        _progress("search index", min(done, expected - 1), expected, started)

    total = reindex_all(progress=indexed)
    _progress("search index", total, total, started)
    # The index was written as inserts then vector updates: vacuum leaves the table, its GIN
    # index (whose pending list is otherwise read by every search) and the planner's
    # statistics as a database in use for a while would have them.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def _vocabularies():
    roles = [
        RoleType.objects.get_or_create(slug=slug, defaults={"name": name, "abbreviation": abbr})[0]
        for slug, name, abbr in [
            ("sle", "Specialist Leader of Education", "SLE"),
            ("senco", "SENCo", "SENCo"),
            ("sbm", "School Business Manager", "SBM"),
        ]
    ]
    specialisms = [
        Specialism.objects.get_or_create(slug=s.lower(), defaults={"name": s})[0]
        for s in ("Maths", "English", "SEND", "Science")
    ]
    return roles, specialisms


CONFERENCE = "Bench conference"
REGISTRANTS = 150


def conference_programme(person: Person) -> Event:
    """A conference shaped as the demo's (three rounds of four workshops, 150 registrations
    with a choice per round, a full workshop with a waiting list) that `person` goes to and
    presents at, for the programme, session and timetable pages. Made once, found after."""
    from events.models import Registration
    from programme.models import Choice, Session, Slot

    event = Event.objects.filter(title=CONFERENCE).first()
    if event is not None:
        return event
    starts = (datetime.datetime.now(LONDON) + datetime.timedelta(days=30)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    people = [person, *Person.objects.exclude(pk=person.pk).order_by("pk")[: REGISTRANTS - 1]]
    with transaction.atomic():
        event = Event.objects.create(
            title=CONFERENCE,
            kind=EventKind.CONFERENCE,
            host_school_id=person.school_id,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=7),
            capacity=200,
            is_published=True,
        )
        Registration.objects.bulk_create(
            Registration(event=event, person=p, status=Registration.Status.CONFIRMED)
            for p in people
        )
        choices = []
        for round_ in range(3):
            begins = starts + datetime.timedelta(hours=round_ + 1)
            slot = Slot.objects.create(
                event=event,
                title=f"Workshops {round_ + 1}",
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=1),
            )
            sessions = [
                Session.objects.create(
                    slot=slot,
                    title=f"Workshop {round_ + 1}.{n + 1}",
                    room=f"Room {n + 1}",
                    capacity=30 if n == 0 else 45,
                )
                for n in range(4)
            ]
            sessions[0].presenters.add(person)
            taken = dict.fromkeys([s.pk for s in sessions], 0)
            for i, chooser in enumerate(people):
                session = sessions[i % 4]
                full = taken[session.pk] >= session.capacity
                taken[session.pk] += 0 if full else 1
                status = Choice.Status.WAITLISTED if full else Choice.Status.CONFIRMED
                choices.append(Choice(slot=slot, session=session, person=chooser, status=status))
        Choice.objects.bulk_create(choices)
    return event
