"""Writes to partnerships, memberships and network groups that touch more than one row."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.group_services import group_chairs_set, group_members_set
from partnerships.models import (
    Cadence,
    Membership,
    MembershipRole,
    NetworkGroup,
    Partnership,
    Statement,
)
from people.models import Person
from schools.models import School


@transaction.atomic
def partnership_update_page(
    *,
    partnership: Partnership,
    description: str,
    aims: Sequence[str],
    commitments: Sequence[str],
) -> Partnership:
    """Replace the partnership's description and its aims and commitments, in the given order."""
    partnership.description = description
    partnership.full_clean()
    partnership.save(update_fields=["description", "updated_at"])
    partnership.statements.all().delete()
    rows = [
        Statement(partnership=partnership, kind=kind, text=text, position=position)
        for kind, texts in ((Statement.Kind.AIM, aims), (Statement.Kind.COMMITMENT, commitments))
        for position, text in enumerate(texts, start=1)
    ]
    for row in rows:
        # The partnership was just saved: no need to look it up again for every row.
        row.full_clean(exclude=["partnership"])
    Statement.objects.bulk_create(rows)
    return partnership


@transaction.atomic
def membership_save(*, membership: Membership) -> Membership:
    """Add or change one membership after checking it overlaps no other of the same school."""
    # Lock the school's memberships of this partnership so two coordinators adding the same
    # school at once cannot both pass the overlap check.
    list(
        Membership.objects.select_for_update().filter(
            school_id=membership.school_id, partnership_id=membership.partnership_id
        )
    )
    # clean() checks dates and overlaps (which covers the one-open-membership constraint) with
    # a message naming the clash; the constraints would only repeat it less clearly.
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        # A clash the check could not see (a concurrent insert): the database's constraints
        # still refuse it, and the user gets the same kind of message, not a server error.
        raise ValidationError(
            "This school already has a membership of this partnership for these dates.",
            code="membership_overlap",
        ) from error
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, left_on: datetime.date) -> Membership:
    """Record that the school left the partnership on `left_on`."""
    membership.left_on = left_on
    return membership_save(membership=membership)


@dataclass(frozen=True)
class AddSchoolsResult:
    added: list[School]
    skipped: list[tuple[School, str]]


@transaction.atomic
def partnership_add_schools(
    *,
    partnership: Partnership,
    schools: Iterable[School],
    role: str = MembershipRole.MEMBER,
    joined_on: datetime.date | None = None,
) -> AddSchoolsResult:
    """Add each school as a member; a school whose membership would overlap one it already
    holds is skipped with the reason, and the others are still added."""
    added: list[School] = []
    skipped: list[tuple[School, str]] = []
    for school in schools:
        membership = Membership(
            partnership=partnership, school=school, role=role, joined_on=joined_on
        )
        try:
            with transaction.atomic():
                membership_save(membership=membership)
        except ValidationError as error:
            skipped.append((school, " ".join(error.messages)))
        else:
            added.append(school)
    return AddSchoolsResult(added=added, skipped=skipped)


@transaction.atomic
def group_update(
    *,
    group: NetworkGroup,
    description: str,
    cadence: str | Cadence,
    members: Iterable[Person],
    chairs: Iterable[Person] | None = None,
) -> NetworkGroup:
    """Change the group's description, cadence and members (dated: who leaves keeps their
    membership as history) and, when given, its chairs."""
    group.description = description
    group.cadence = cadence
    group.full_clean()
    group.save(update_fields=["description", "cadence"])
    group_members_set(group=group, members=members)
    if chairs is not None:
        group_chairs_set(group=group, chairs=chairs)
    return group
