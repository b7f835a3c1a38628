"""The rows the load and fault runs need on top of the demo alliance, and where to find them.

- Events with a few places each, for register/cancel cycles that fill them and use the waiting
  list, and two events the fault views write to.
- LOAD_ACCOUNTS sign-in accounts, each linked to its own demo member of staff: every simulated
  user registers and edits a profile of their own, as real users do. None of them is a
  headteacher or an admin, who must set up two-factor sign-in before reaching any page.
"""

import datetime
import json

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventKind
from partnerships.models import NetworkGroup, Partnership
from people.models import Person
from schools.models import School

CAPACITY_EVENTS = [f"Load test: meeting {n} with two places" for n in range(1, 5)]
CAPACITY = 2
SLOW_EVENT = "Fault test: a write that outlives its worker"
FAIL_EVENT = "Fault test: a write that fails half way"
LOAD_ACCOUNTS = 60
# The load accounts' own password (the demo's, so one password signs in anywhere in a demo).
LOAD_PASSWORD = "alliance-demo-2026"


def login(number: int) -> str:
    return f"load-{number:02d}@example.org"


@transaction.atomic
def prepare() -> None:
    """Add the load test's events and accounts to the demo alliance. Safe to run twice."""
    starts = timezone.now() + datetime.timedelta(days=30)
    events = [(title, CAPACITY) for title in CAPACITY_EVENTS]
    for title, capacity in [*events, (SLOW_EVENT, None), (FAIL_EVENT, None)]:
        Event.objects.get_or_create(
            title=title,
            defaults={
                # Places to register for: a training event (a meeting is answered instead).
                "kind": EventKind.CPD,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2),
                "capacity": capacity,
                "is_published": False,
            },
        )
    wanted = [login(n) for n in range(1, LOAD_ACCOUNTS + 1)]
    existing = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
    missing = [email for email in wanted if email not in existing]
    staff = list(
        Person.objects.active()
        .filter(user__isnull=True, school__isnull=False, headships__isnull=True)
        .order_by("pk")[: len(missing)]
    )
    password = make_password(LOAD_PASSWORD)  # hashed once: the same password for every account
    for email, person in zip(missing, staff, strict=False):  # fewer staff: fewer accounts
        user = User.objects.create(email=email, password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        person.user = user
        person.save(update_fields=["user"])


def targets() -> dict:
    """What the load visits: real slugs and ids from the database, and the load logins."""
    groups = NetworkGroup.objects.select_related("partnership").filter(
        partnership__is_published=True
    )[:5]
    return {
        "schools": list(
            School.objects.filter(is_published=True).values_list("slug", flat=True)[:20]
        ),
        "partnerships": list(
            Partnership.objects.filter(is_published=True).values_list("slug", flat=True)[:5]
        ),
        "groups": [f"{g.partnership.slug}/groups/{g.slug}" for g in groups],
        "events": list(
            Event.objects.filter(is_published=True).upcoming().values_list("pk", flat=True)[:10]
        ),
        "people": list(Person.objects.active().values_list("pk", flat=True)[:20]),
        "school_searches": ["primary", "academy", "eastbridge", "infant", "high"],
        "searches": ["maths", "phonics", "primary", "conference", "science"],
        "logins": list(
            User.objects.filter(email__in=[login(n) for n in range(1, LOAD_ACCOUNTS + 1)])
            .order_by("email")
            .values_list("email", flat=True)
        ),
        "password": LOAD_PASSWORD,
        "capacity_events": list(
            Event.objects.filter(title__in=CAPACITY_EVENTS)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "slow_event": Event.objects.get(title=SLOW_EVENT).pk,
        "fail_event": Event.objects.get(title=FAIL_EVENT).pk,
    }


def print_targets() -> None:
    print(json.dumps(targets()))
