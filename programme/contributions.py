"""Contributions per school: an organiser asks each member school of a meeting's partnership
for a contribution ("one five-minute presentation per school"); each school offers a topic and
a presenter, or declines; the meeting's agenda assembles from the offers, in the organiser's
order.

The schools asked are the current member schools of the event's partnership, or of its
group's partnership for a group meeting (asked_schools).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from events.models import Event
from partnerships.models import Membership
from people.models import Person
from programme.models import Contribution, ContributionRequest
from schools.models import School

Status = Contribution.Status


class ContributionError(Exception):
    """A request or an answer the contributions cannot take, with a code to match."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def partnership_id_of(event: Event) -> int | None:
    """The partnership whose member schools a meeting asks: the group's, else the event's."""
    if event.network_group_id:
        return event.network_group.partnership_id
    return event.partnership_id


def asked_schools(event: Event) -> QuerySet[School]:
    """The schools asked for a contribution: the current members of the event's (or its
    group's) partnership, by name. One query when read."""
    partnership_id = partnership_id_of(event)
    if partnership_id is None:
        return School.objects.none()
    members = Membership.objects.current().filter(partnership=partnership_id).values("school")
    return School.objects.filter(pk__in=members).only("name", "slug").order_by("name", "pk")


def is_asked(event: Event, school: School | None) -> bool:
    return school is not None and asked_schools(event).filter(pk=school.pk).exists()


def is_open(request: ContributionRequest, today: datetime.date | None = None) -> bool:
    """Schools may answer, and change their answer, until the answer-by date (that day
    included) and before the meeting starts."""
    today = today or timezone.localdate()
    if request.due_on is not None and today > request.due_on:
        return False
    return not request.event.has_happened()


def presenters_for(school: School) -> QuerySet[Person]:
    """Whom a school may name as its presenter: its own staff, by name."""
    return (
        Person.objects.active()
        .filter(school=school)
        .only("first_name", "preferred_name", "last_name", "erased_at", "school_id")
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def request_save(
    *,
    event: Event,
    person: Person | None,
    prompt: str,
    minutes_each: int | None,
    due_on: datetime.date | None,
) -> ContributionRequest:
    """Ask the member schools for a contribution, or change what is asked: one request per
    event (the first one is kept and edited)."""
    request = (
        ContributionRequest.objects.select_for_update().filter(event=event).order_by("pk").first()
    )
    if request is None:
        request = ContributionRequest(event=event, created_by=person)
    request.prompt = prompt
    request.minutes_each = minutes_each
    request.due_on = due_on
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def contribution_answer(
    *,
    request: ContributionRequest,
    school: School,
    person: Person | None,
    status: str,
    topic: str = "",
    presenter: Person | None = None,
    notes: str = "",
) -> Contribution:
    """A school's answer: offer a topic and one of its staff as presenter, or decline. A new
    answer replaces the school's earlier one while the request is open."""
    if not is_asked(request.event, school):
        raise ContributionError("This school is not asked for a contribution.", code="not_asked")
    if not is_open(request):
        raise ContributionError("Answers to this request are closed.", code="closed")
    if status == Status.OFFERED:
        if not topic.strip():
            raise ContributionError("Give the topic of the contribution.", code="no_topic")
        if presenter is not None and presenter.school_id != school.pk:
            raise ContributionError(
                "The presenter is one of the school's own staff.", code="presenter"
            )
    else:
        topic, presenter = "", None
    contribution, _ = Contribution.objects.select_for_update().get_or_create(
        request=request, school=school
    )
    contribution.status = status
    contribution.topic = topic.strip()
    contribution.presenter = presenter
    contribution.notes = notes
    contribution.answered_by = person
    contribution.full_clean()
    contribution.save()
    return contribution


@transaction.atomic
def contributions_order(*, request: ContributionRequest, orders: dict[int, int]) -> int:
    """Place the offered contributions in the agenda: `orders` maps a contribution's id to its
    position. Ids of other requests are ignored. Returns how many moved."""
    rows = list(
        Contribution.objects.select_for_update().filter(request=request, pk__in=list(orders))
    )
    moved = [row for row in rows if row.order != orders[row.pk]]
    for row in moved:
        row.order = orders[row.pk]
    Contribution.objects.bulk_update(moved, ["order"])
    return len(moved)


@dataclass(frozen=True)
class BoardRow:
    """One asked school on the organiser's page, with its answer if it has given one."""

    school: School
    contribution: Contribution | None

    @property
    def status(self) -> str:
        return self.contribution.status if self.contribution else "unanswered"


def board(request: ContributionRequest) -> list[BoardRow]:
    """Every asked school with its answer, offers first in agenda order, then declines, then
    the schools that have not answered: two queries, whatever the number of schools. An answer
    of a school that has since left the partnership still shows."""
    answers = {
        c.school_id: c
        for c in Contribution.objects.filter(request=request).select_related("school", "presenter")
    }
    schools = {s.pk: s for s in asked_schools(request.event)}
    rows = [BoardRow(school=c.school, contribution=c) for c in answers.values()]
    rows += [
        BoardRow(school=s, contribution=None) for pk, s in schools.items() if pk not in answers
    ]
    rank = {Status.OFFERED: 0, Status.DECLINED: 1, "unanswered": 2}
    return sorted(
        rows,
        key=lambda r: (
            rank[r.status],
            r.contribution.order if r.contribution else 0,
            r.school.name,
        ),
    )


@dataclass(frozen=True)
class Agenda:
    contributions: list[Contribution]

    @property
    def total_minutes(self) -> int:
        """The time the offers take: each its own minutes, else the minutes asked per school."""
        return sum(self.minutes_of(c) for c in self.contributions)

    @staticmethod
    def minutes_of(contribution: Contribution) -> int:
        return contribution.request.minutes_each or 0


def _offered() -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(status=Status.OFFERED)
        .select_related("school", "presenter", "request")
        .only(
            "topic",
            "order",
            "request_id",
            "school__name",
            "school__slug",
            "presenter__first_name",
            "presenter__preferred_name",
            "presenter__last_name",
            "presenter__erased_at",
            "request__minutes_each",
        )
        .order_by("order", "school__name", "pk")
    )


def agenda(event: Event) -> Agenda:
    """The offered contributions to `event`, in the organiser's order: one query."""
    return Agenda(contributions=list(_offered().filter(request__event=event)))


def request_agenda(request_id: int) -> Agenda:
    """The offers to the request `request_id`, in the organiser's order (the event page, which
    reads the request's id with the event): one query."""
    return Agenda(contributions=list(_offered().filter(request=request_id)))
