"""A coordinator's or chair's message to everyone in their partnership or group, sent through
the portal: the sender never sees the addresses, and a recipient sees the sender's address
only if the sender's own choice lets them (people.rules.can_see_contacts)."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q

from notifications.models import DEFAULTS, Kind, Preference
from notifications.services import message_queue
from notifications.tasks import deliver_soon
from partnerships.models import GroupChair, NetworkGroup, Partnership
from people.models import Person
from people.rules import can_see_contacts


def group_recipients(group: NetworkGroup) -> list[Person]:
    """The group's members, its chair and its current co-chairs and co-leads."""
    co_chairs = GroupChair.objects.current().filter(group=group).values("person")
    return list(
        Person.objects.active()
        .filter(Q(network_groups=group) | Q(chaired_groups=group) | Q(pk__in=co_chairs))
        .select_related("user")
        .distinct()
    )


def partnership_recipients(partnership: Partnership) -> list[Person]:
    """Staff of the partnership's current member schools."""
    return list(
        Person.objects.active()
        .filter(
            school__memberships__partnership=partnership,
            school__memberships__left_on__isnull=True,
        )
        .select_related("user")
        .distinct()
    )


@transaction.atomic
def message_send(
    *, sender: Person | None, recipients: list[Person], audience: str, subject: str, body: str
) -> int:
    """Queue the message to each recipient; how many will get it."""
    key = f"group_message:{uuid.uuid4().hex}"
    chosen = dict(
        Preference.objects.filter(person__in=recipients, kind=Kind.GROUP_MESSAGE).values_list(
            "person_id", "choice"
        )
    )
    queued = 0
    for person in recipients:
        if sender is not None and person.pk == sender.pk:
            continue
        viewer = person.user if person.user_id else AnonymousUser()
        show_address = sender is not None and can_see_contacts(viewer, sender)
        message = message_queue(
            person=person,
            kind=Kind.GROUP_MESSAGE,
            key=key,
            choice=chosen.get(person.pk, DEFAULTS[Kind.GROUP_MESSAGE]),
            reason=f"in {audience}",
            context={
                "sender": SimpleNamespace(
                    name=sender.display_name if sender else "The alliance's admins",
                    email=sender.email if show_address else "",
                ),
                "audience": audience,
                "message_subject": subject,
                "body": body,
            },
        )
        queued += message is not None
    deliver_soon()
    return queued
