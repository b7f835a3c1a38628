"""The demo's meetings and conference, and who has registered for them."""

from __future__ import annotations

import datetime

from events.models import Attendance, Event, EventKind, MinuteAction, Registration, Rsvp
from partnerships.models import Membership

# The conference to come (its programme: demo.conference).
UPCOMING_CONFERENCE = "Eastbridge joint staff conference"


def build_events(builder, town, trust, clusters, groups, schools, heads, staff_by_school) -> None:
    # Meetings half a term apart around today: three past, three to come.
    anchor = builder.today - datetime.timedelta(days=builder.today.weekday())  # this Monday
    for group_index, group in enumerate(groups):
        member_schools = schools[group_index::3][:6]
        for step in range(-3, 3):
            day = anchor + datetime.timedelta(weeks=6 * step, days=1 + group_index % 4)
            host = member_schools[(step + 3) % len(member_schools)]
            host_staff = staff_by_school[host.pk]
            starts = builder._at(day, 15, 45)
            builder._get_or_create(
                Event,
                network_group=group,
                title=f"{group.name}: meeting {step + 4} of the year",
                defaults={
                    "kind": EventKind.NETWORK_MEETING,
                    "partnership": town,
                    "host_school": host,
                    "venue": f"{host.name}, staff room",
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
                    "chair": heads[host.pk],
                    "minute_taker": host_staff[1],
                    "capacity": 30,
                    "agenda": "1. Welcome and apologies\n2. Updates from schools\n"
                    "3. Focus item\n4. Actions and date of next meeting",
                    "minutes": "Notes of the discussion and agreed actions." if step < 0 else "",
                    # Past meetings' minutes were published two days after the meeting.
                    "minutes_published_at": starts + datetime.timedelta(days=2)
                    if step < 0
                    else None,
                },
            )
    # Four clusters meet at the same hour across the town.
    cluster_day = anchor + datetime.timedelta(weeks=2, days=3)
    for cluster in clusters.values():
        host = Membership.objects.filter(partnership=cluster).order_by("school__name")[0].school
        starts = builder._at(cluster_day, 16, 0)
        builder._get_or_create(
            Event,
            partnership=cluster,
            title=f"{cluster.name} heads' meeting",
            defaults={
                "kind": EventKind.NETWORK_MEETING,
                "host_school": host,
                "venue": host.name,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
                "chair": heads[host.pk],
            },
        )
    # Review days rotate around the trust.
    trust_schools = [
        m.school
        for m in Membership.objects.filter(partnership=trust)
        .select_related("school")
        .order_by("school__name")
    ]
    for step, school in enumerate(trust_schools):
        day = anchor + datetime.timedelta(weeks=3 * step - 6, days=2)
        starts = builder._at(day, 9, 0)
        builder._get_or_create(
            Event,
            partnership=trust,
            title=f"Review day at {school.name}",
            defaults={
                "kind": EventKind.REVIEW_DAY,
                "host_school": school,
                "venue": school.name,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=6),
                "chair": heads[school.pk],
                "is_published": False,
            },
        )
    # The joint conference.
    conference_day = anchor + datetime.timedelta(weeks=10, days=4)
    starts = builder._at(conference_day, 9, 0)
    builder._get_or_create(
        Event,
        partnership=town,
        title=UPCOMING_CONFERENCE,
        defaults={
            "kind": EventKind.CONFERENCE,
            "host_school": schools[10],
            "venue": "Kingfisher High School, main hall",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=6, minutes=30),
            "capacity": 400,
            "description": "A day of workshops led by staff from every school.",
        },
    )


def build_registrations(builder, town, staff_by_school) -> None:
    # A few people from each school have signed up for the conference and the group
    # meetings to come, so registration lists, places left and "my events" show something.
    conference = Event.objects.get(
        partnership=town, kind=EventKind.CONFERENCE, title=UPCOMING_CONFERENCE
    )
    for staff in staff_by_school.values():
        for person in staff[4:7]:
            builder._get_or_create(
                Registration,
                event=conference,
                person=person,
                defaults={"status": Registration.Status.CONFIRMED},
            )
    # The group meetings to come are answered: most are going, a few send apologies.
    for event in Event.objects.filter(
        network_group__isnull=False, starts_at__gte=builder._at(builder.today, 0)
    ).prefetch_related("network_group__members"):
        members = sorted(event.network_group.members.all(), key=lambda p: p.pk)
        for index, person in enumerate(members):
            sorry = index % 6 == 5
            builder._get_or_create(
                Rsvp,
                event=event,
                person=person,
                defaults={
                    "answer": Rsvp.Answer.APOLOGIES if sorry else Rsvp.Answer.GOING,
                    "reason": APOLOGIES[index % len(APOLOGIES)] if sorry else "",
                },
            )


APOLOGIES = ["Year 6 residential", "Ofsted visit", "Covering a class", "Course"]
ACTIONS = [
    "Share the moderation samples with every school",
    "Book the venue for the next meeting",
    "Report back to the heads' meeting",
]


def build_meeting_records(builder) -> None:
    """The group meetings held: a roll call of the group's members (a few apologies and
    absences, the same ones on every build) and two actions each, those of older meetings
    done. The participation report and the partnership page's chart read these."""
    now = builder._at(builder.today, 0)
    held = Event.objects.filter(network_group__isnull=False, starts_at__lt=now).order_by(
        "network_group_id", "starts_at"
    )
    latest = {e.network_group_id: e.pk for e in held}
    for event in held.prefetch_related("network_group__members"):
        members = sorted(event.network_group.members.all(), key=lambda p: p.pk)
        for index, person in enumerate(members):
            turn = (index + event.pk) % 9
            status = (
                Attendance.Status.APOLOGIES
                if turn == 0
                else Attendance.Status.ABSENT
                if turn == 4
                else Attendance.Status.ATTENDED
            )
            builder._get_or_create(
                Attendance,
                event=event,
                person=person,
                defaults={"status": status, "school_id": person.school_id},
            )
        for number, description in enumerate(ACTIONS[:2]):
            owner = members[(event.pk + number) % len(members)] if members else None
            done = latest[event.network_group_id] != event.pk
            builder._get_or_create(
                MinuteAction,
                event=event,
                description=description,
                defaults={
                    "owner": owner,
                    "due_on": (event.starts_at + datetime.timedelta(weeks=4)).date(),
                    "status": MinuteAction.Status.DONE if done else MinuteAction.Status.OPEN,
                    "done_at": event.starts_at + datetime.timedelta(weeks=3) if done else None,
                },
            )
