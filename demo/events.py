"""The demo's meetings and conference, and who has registered for them."""

from __future__ import annotations

import datetime

from events.models import Event, EventKind, Registration
from partnerships.models import Membership


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
        title="Eastbridge joint staff conference",
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
    conference = Event.objects.get(partnership=town, kind=EventKind.CONFERENCE)
    for staff in staff_by_school.values():
        for person in staff[4:7]:
            builder._get_or_create(
                Registration,
                event=conference,
                person=person,
                defaults={"status": Registration.Status.CONFIRMED},
            )
    for event in Event.objects.filter(
        network_group__isnull=False, starts_at__gte=builder._at(builder.today, 0)
    ).prefetch_related("network_group__members"):
        members = sorted(event.network_group.members.all(), key=lambda p: p.pk)
        for person in members[: (event.capacity or 30) + 2]:
            builder._get_or_create(
                Registration,
                event=event,
                person=person,
                defaults={
                    "status": Registration.Status.CONFIRMED
                    if event.registrations.filter(status="confirmed").count()
                    < (event.capacity or 30)
                    else Registration.Status.WAITLISTED
                },
            )
