"""Writes for how a group runs (members joining and leaving, dated; chairs and co-leads;
objectives with their progress notes) and for partner organisations' pages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from alliance.lib.rows import create_checked
from partnerships.models import (
    GroupChair,
    GroupMembership,
    GroupObjective,
    NetworkGroup,
    ObjectiveNote,
    PartnerOrganisation,
)
from people.models import Person


@transaction.atomic
def group_members_set(
    *, group: NetworkGroup, members: Iterable[Person], on: datetime.date | None = None
) -> None:
    """Make `members` the group's current members from `on` (today): those who leave keep a
    dated membership that ends that day, those who join get one that starts it."""
    on = on or timezone.localdate()
    wanted = {person.pk for person in members}
    periods = GroupMembership.objects.select_for_update().filter(group=group, left_on=None)
    current = set(periods.values_list("person_id", flat=True))
    # Members added before memberships were dated (or in admin) join from the start.
    listed = set(group.members.values_list("pk", flat=True))
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=group, person_id=pk) for pk in listed - current]
    )
    for period in periods.filter(person_id__in=(listed | current) - wanted):
        period.left_on = max(on, period.joined_on) if period.joined_on else on
        period.save(update_fields=["left_on"])
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(group=group, person_id=pk, joined_on=on)
            for pk in wanted - listed - current
        ]
    )
    group.members.set(wanted)


@transaction.atomic
def group_chairs_set(
    *,
    group: NetworkGroup,
    chairs: Iterable[Person],
    on: datetime.date | None = None,
) -> None:
    """Make `chairs` the group's chairs from `on` (today): one is "Chair", any others are
    co-chairs; a chair no longer listed keeps a dated row that ends that day. The group's named
    chair (`NetworkGroup.chair`, read by the pages) becomes the longest-serving of them."""
    on = on or timezone.localdate()
    wanted = [person.pk for person in chairs]
    rows = GroupChair.objects.select_for_update().filter(group=group, ends_on=None)
    held = set(rows.values_list("person_id", flat=True))
    for row in rows.exclude(person_id__in=wanted):
        row.ends_on = max(on, row.starts_on) if row.starts_on else on
        row.save(update_fields=["ends_on"])
    title = GroupChair.Title.CO_CHAIR if len(wanted) > 1 else GroupChair.Title.CHAIR
    for pk in wanted:
        if pk not in held:
            create_checked(GroupChair, group=group, person_id=pk, title=title, starts_on=on)
    first = GroupChair.objects.current(on).filter(group=group).order_by("starts_on", "pk").first()
    group.chair_id = first.person_id if first else None
    group.save(update_fields=["chair"])


@transaction.atomic
def objective_add(
    *,
    group: NetworkGroup,
    title: str,
    detail: str = "",
    due_on: datetime.date | None = None,
    status: str = GroupObjective.Status.NOT_STARTED,
) -> GroupObjective:
    return create_checked(
        GroupObjective, group=group, title=title, detail=detail, due_on=due_on, status=status
    )


@transaction.atomic
def objective_note_add(
    *, objective: GroupObjective, author: Person | None, text: str, status: str
) -> ObjectiveNote:
    """A progress note on `objective`, which takes the status the note gives."""
    note = create_checked(ObjectiveNote, objective=objective, author=author, text=text)
    if objective.status != status:
        objective.status = status
        objective.full_clean()
        objective.save(update_fields=["status"])
    return note


@transaction.atomic
def organisation_update(*, organisation: PartnerOrganisation, **fields) -> PartnerOrganisation:
    """Change a partner organisation's name, kind, website and description."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save(update_fields=list(fields))
    return organisation


@transaction.atomic
def group_chair_sync(
    *, group: NetworkGroup, chair_changed: bool = False, replaced: int | None = None
) -> None:
    """After the group's named chair or its chair rows were edited by hand (in admin), make
    them agree: a newly named chair holds a current row and the one they `replaced` no longer
    does; a named chair whose rows were all ended gives way to the longest-serving current
    chair (or none)."""
    today = timezone.localdate()
    current = GroupChair.objects.current(today).filter(group=group)
    if chair_changed and replaced and replaced != group.chair_id:
        for row in current.filter(person_id=replaced):
            row.ends_on = max(today, row.starts_on) if row.starts_on else today
            row.save(update_fields=["ends_on"])
    if not group.chair_id or current.filter(person_id=group.chair_id).exists():
        return
    if chair_changed:
        create_checked(
            GroupChair,
            group=group,
            person_id=group.chair_id,
            title=GroupChair.Title.CHAIR,
            starts_on=today,
        )
    else:
        first = current.order_by("starts_on", "pk").first()
        group.chair_id = first.person_id if first else None
        group.save(update_fields=["chair"])
