"""The rows the load and fault runs need on top of the demo alliance, and where to find them."""

import datetime
import json

from django.utils import timezone

from alliance.demo import DEMO_PASSWORD
from events.models import Event
from partnerships.models import NetworkGroup, Partnership
from people.models import Person
from schools.models import School

CAPACITY_EVENT = "Load test: a meeting with two places"
SLOW_EVENT = "Fault test: a write that outlives its worker"
FAIL_EVENT = "Fault test: a write that fails half way"
LOGINS = ["staff@example.org", "head@example.org", "coordinator@example.org"]


def prepare() -> None:
    """Add the load test's events to the demo alliance. Safe to run twice."""
    starts = timezone.now() + datetime.timedelta(days=30)
    for title, capacity in ((CAPACITY_EVENT, 2), (SLOW_EVENT, None), (FAIL_EVENT, None)):
        Event.objects.get_or_create(
            title=title,
            defaults={
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2),
                "capacity": capacity,
                "is_published": False,
            },
        )


def targets() -> dict:
    """What the load visits: real slugs and ids from the database, and the demo logins."""
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
        "people": list(Person.objects.values_list("pk", flat=True)[:20]),
        "searches": ["primary", "academy", "eastbridge", "infant", "high"],
        "logins": LOGINS,
        "password": DEMO_PASSWORD,
        "capacity_event": Event.objects.get(title=CAPACITY_EVENT).pk,
        "slow_event": Event.objects.get(title=SLOW_EVENT).pk,
        "fail_event": Event.objects.get(title=FAIL_EVENT).pk,
    }


def print_targets() -> None:
    print(json.dumps(targets()))
