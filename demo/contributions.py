"""The demo's contributions per school and its occasion (seed 002: a cluster meeting with "one
five-minute presentation per school", and the clusters meeting at the same hour across the
town): the Central cluster's next heads' meeting asks its schools for a contribution, some
offered, one declined, the others not yet answered; and last month's town-wide writing
evening held four meetings at once (one per cluster, one for the town's key stage 1 leads),
each at its own school with its own roll call."""

from __future__ import annotations

import datetime

from events.models import Attendance, Event, EventKind, Occasion
from partnerships.models import Membership
from programme.models import Contribution, ContributionRequest

TOPICS = [
    "Reading for pleasure: our Year 5 book club",
    "Fluency in times tables without the worksheets",
    "Oracy in the early years: talk partners that work",
]


def _members(cluster) -> list:
    return [
        m.school
        for m in Membership.objects.filter(partnership=cluster)
        .select_related("school")
        .order_by("school__name")
    ]


def build_contributions(builder, clusters, heads, staff_by_school) -> None:
    central = clusters["Central"]
    meeting = Event.objects.get(partnership=central, title=f"{central.name} heads' meeting")
    schools = _members(central)
    request = builder._get_or_create(
        ContributionRequest,
        event=meeting,
        defaults={
            "prompt": "One five-minute presentation per school: something that has worked "
            "in your school this term, and what you would do differently.",
            "minutes_each": 5,
            "due_on": (meeting.starts_at - datetime.timedelta(days=3)).date(),
            "created_by": meeting.chair,
        },
    )
    for order, (school, topic) in enumerate(zip(schools, TOPICS, strict=False), start=1):
        builder._get_or_create(
            Contribution,
            request=request,
            school=school,
            defaults={
                "topic": topic,
                "presenter": staff_by_school[school.pk][2],
                "order": order,
                "answered_by": heads[school.pk],
            },
        )
    if len(schools) > len(TOPICS):
        declining = schools[len(TOPICS)]
        builder._get_or_create(
            Contribution,
            request=request,
            school=declining,
            defaults={
                "status": Contribution.Status.DECLINED,
                "notes": "Our inspection falls that week; we will offer one next time.",
                "answered_by": heads[declining.pk],
            },
        )


def build_occasion(builder, town, clusters, heads, staff_by_school) -> None:
    """Four meetings on one evening last month, as one occasion, each with a roll call of two
    members of staff from each of its schools (a few apologies and absences)."""
    anchor = builder.today - datetime.timedelta(days=builder.today.weekday())
    starts = builder._at(anchor - datetime.timedelta(weeks=4, days=-2), 18, 0)
    occasion = builder._get_or_create(
        Occasion,
        title="Town-wide writing evening",
        partnership=town,
        defaults={
            "description": "Writing moderation across the town at the same hour: each cluster "
            "at one of its schools, and the key stage 1 leads together at a fourth."
        },
    )
    # The three clusters each moderate at one of their schools; the key stage 1 leads of the
    # whole town meet at a fourth.
    hosts: set[int] = set()
    plans = [(cluster, f"Writing moderation: {cluster.name}", 3) for cluster in clusters.values()]
    plans.append((town, "Writing moderation: key stage 1 leads", 5))
    for partnership, title, staff_index in plans:
        schools = _members(partnership)
        if partnership == town:
            schools = [s for s in schools if s.pk not in hosts][:8]
        host = schools[1 % len(schools)]
        hosts.add(host.pk)
        meeting = builder._get_or_create(
            Event,
            partnership=partnership,
            title=title,
            defaults={
                "kind": EventKind.MODERATION,
                "host_school": host,
                "venue": f"{host.name}, library",
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
                "chair": heads[host.pk],
                "occasion": occasion,
            },
        )
        for index, school in enumerate(schools):
            team = staff_by_school[school.pk][staff_index : staff_index + 2]
            for offset, person in enumerate(team):
                turn = (index * 2 + offset + len(title)) % 7
                status = (
                    Attendance.Status.APOLOGIES
                    if turn == 0
                    else Attendance.Status.ABSENT
                    if turn == 3
                    else Attendance.Status.ATTENDED
                )
                builder._get_or_create(
                    Attendance,
                    event=meeting,
                    person=person,
                    defaults={"status": status, "school": school},
                )
