"""Measure the people directory, search and CSV export at scale.

Builds a throwaway test database (test_<your database>, dropped afterwards), fills it with
PEOPLE people across SCHOOLS schools with roles, then times each page through Django's test
client and counts its SQL queries. It never touches your own data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alliance_people \\
        DEBUG=1 .venv/bin/python scripts/measure_people.py --people 50000 --schools 2500
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def build(people: int, schools: int) -> tuple[Client, int]:
    from accounts.models import User
    from partnerships.models import Membership, NetworkGroup, Partnership
    from people.models import ContactVisibility, Person, RoleAssignment, RoleType, Specialism
    from schools.models import School

    roles = list(RoleType.objects.all())
    specialisms = list(Specialism.objects.all())
    School.objects.bulk_create(
        School(name=f"Measure School {i:05d}", slug=f"measure-school-{i:05d}", urn=f"{300000 + i}")
        for i in range(schools)
    )
    school_ids = list(School.objects.values_list("pk", flat=True))
    partnership = Partnership.objects.create(name="Measure Alliance", slug="measure-alliance")
    Membership.objects.bulk_create(
        Membership(school_id=pk, partnership=partnership) for pk in school_ids[: schools // 10]
    )
    visibilities = list(ContactVisibility)
    batch = 5000
    for start in range(0, people, batch):
        Person.objects.bulk_create(
            Person(
                first_name=f"First{i}",
                last_name=f"Surname{i % 9973:04d}",
                job_title="Class teacher",
                school_id=school_ids[i % len(school_ids)],
                email=f"person{i}@example.org",
                telephone=f"020 7946 0{i % 1000:03d}",
                contact_visibility=visibilities[i % 3],
            )
            for i in range(start, min(start + batch, people))
        )
    person_ids = list(Person.objects.values_list("pk", flat=True))
    for start in range(0, len(person_ids), batch):
        RoleAssignment.objects.bulk_create(
            RoleAssignment(
                person_id=pk,
                role_type=roles[pk % len(roles)],
                specialism=specialisms[pk % len(specialisms)],
            )
            for pk in person_ids[start : start + batch]
            if pk % 3 == 0
        )
    group = NetworkGroup.objects.create(partnership=partnership, name="Maths", slug="maths")
    group.members.add(*person_ids[:200])
    viewer = Person.objects.get(pk=person_ids[0])
    viewer.user = User.objects.create_user(email="measure@example.org", password=None)
    viewer.save()
    # Production tables have planner statistics (autovacuum); a fresh bulk load has none.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(viewer.user)
    return client, person_ids[-1]


def measure(client: Client, label: str, url: str, runs: int = 5) -> None:
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            size = len(response.getvalue())
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    print(
        f"{label:<38} median {statistics.median(timings):8.1f} ms  "
        f"{len(queries):3d} queries  {size / 1024:9.1f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--schools", type=int, default=1000)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        client, someone = build(args.people, args.schools)
        print(
            f"Built {args.people} people in {args.schools} schools on {connection.vendor} "
            f"in {time.perf_counter() - started:.0f} s"
        )
        last_page = (args.people + 19) // 20
        measure(client, "directory, first page", "/people/")
        measure(client, "directory, last page", f"/people/?page={last_page}")
        measure(client, "search by name", "/people/?q=surname0042")
        measure(
            client,
            "role + specialism",
            "/people/?role=specialist-leader-of-education&specialism=maths",
        )
        measure(client, "partnership", "/people/?partnership=measure-alliance")
        measure(client, "school", "/people/?school=measure-school-00007")
        measure(client, "CSV export, one school", "/people/export.csv?school=measure-school-00007")
        measure(client, "CSV export, everyone", "/people/export.csv", runs=1)
        measure(client, "person page", f"/people/{someone}/")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
