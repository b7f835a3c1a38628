"""Builds the demo alliance (see demo/__init__.py): the builder keeps the seeded dice and
counts the rows it creates; the other modules of demo/ add each part in turn."""

from __future__ import annotations

import datetime
import random

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from accounts.models import User
from demo.conference import build_conferences
from demo.contributions import build_contributions, build_occasion
from demo.data import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    EXPERTISE_BY_TITLE,
    LONDON,
    DemoLogin,
    _role_types,
    _specialisms,
)
from demo.evaluations import build_evaluations
from demo.events import build_events, build_meeting_records, build_registrations
from demo.partnerships import build_coordinators, build_groups, build_partnerships
from demo.people import (
    build_careers,
    build_designations,
    build_feeders,
    build_group_running,
    build_outside_roles,
    build_teaching,
)
from demo.polls import build_polls, build_term_dates
from demo.registers import import_samples
from demo.resources import build_resources_demo
from demo.reviews import build_reviews
from demo.schools import build_schools
from demo.support import build_support_demo
from partnerships.models import Membership
from people.models import ContactVisibility, Person, RoleAssignment
from schools.models import School


class DemoBuilder:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.random = random.Random(2026)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(2026)
        self.phone_counter = 0
        self.created = 0

    # Helpers -----------------------------------------------------------------------------

    def _get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.created += int(created)
        return obj

    def _phone(self, mobile: bool = False) -> str:
        self.phone_counter = (self.phone_counter + 1) % 1000
        if mobile:
            # Ofcom's drama range for Manchester: 07700 900xxx is fictional too, but the
            # phone-number library (rightly) calls it unallocated, so profiles would not save.
            return f"0161 496 0{self.phone_counter:03d}"
        return f"020 7946 0{self.phone_counter:03d}"

    def _person(self, school: School | None, job_title: str, *, domain: str, **extra) -> Person:
        first = self.fake.first_name()
        last = self.fake.last_name()
        email = f"{slugify(first)}.{slugify(last)}@{domain}"
        visibility = self.random.choices(
            [ContactVisibility.ALLIANCE, ContactVisibility.SCHOOL, ContactVisibility.ADMINS],
            weights=[7, 2, 1],
        )[0]
        return self._get_or_create(
            Person,
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "job_title": job_title,
                "school": school,
                "telephone": self._phone(mobile=self.random.random() < 0.3),
                "contact_visibility": visibility,
                "expertise": EXPERTISE_BY_TITLE.get(job_title, ""),
                **extra,
            },
        )

    def _role(self, person, role_type, specialism=None, partnership=None, years=3) -> None:
        self._get_or_create(
            RoleAssignment,
            person=person,
            role_type=role_type,
            specialism=specialism,
            partnership=partnership,
            defaults={"starts_on": datetime.date(self.today.year - years, 9, 1)},
        )

    def _user(self, email: str, person: Person | None = None, *, admin: bool = False) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
            user.is_staff = admin
            user.is_superuser = admin
            user.save()
            self.created += 1
        self._get_or_create(
            EmailAddress, user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        return user

    def _authenticator(self, user: User) -> None:
        """Two-factor sign-in with the published demo secret (DEMO_TOTP_SECRET)."""
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            self.created += 1

    def _at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)

    # The alliance ------------------------------------------------------------------------

    def build(self) -> list[DemoLogin]:
        roles = _role_types()
        specs = _specialisms()
        town, clusters, trust, university, itt = build_partnerships(self)
        schools, heads, staff_by_school = build_schools(
            self, roles=roles, specs=specs, town=town, clusters=clusters, trust=trust, itt=itt
        )
        build_coordinators(
            self, town=town, clusters=clusters, trust=trust, itt=itt, schools=schools, heads=heads
        )

        # University people.
        for title in (
            "Director of ITT partnerships",
            "Senior lecturer in primary education",
            "Lecturer in mathematics education",
        ):
            tutor = self._person(
                None, title, domain="university.example.org", organisation=university
            )
            self._role(tutor, roles["Teacher trainer"], specs["Initial teacher training"], itt)

        groups = build_groups(
            self,
            town=town,
            schools=schools,
            heads=heads,
            staff_by_school=staff_by_school,
            roles=roles,
        )
        build_events(self, town, trust, clusters, groups, schools, heads, staff_by_school)
        build_registrations(self, town, staff_by_school)
        build_careers(self, schools=schools, heads=heads)
        build_group_running(self, groups=groups)
        build_designations(self)
        build_feeders(self, schools=schools)
        build_teaching(self, schools=schools, heads=heads, staff_by_school=staff_by_school)
        build_outside_roles(self, schools=schools, heads=heads, town=town)
        build_meeting_records(self)
        build_reviews(self, trust, heads)
        logins = self._logins(schools, heads, staff_by_school, clusters)
        build_support_demo(self, town=town, clusters=clusters, schools=schools)
        build_resources_demo(
            self, town=town, clusters=clusters, schools=schools, staff_by_school=staff_by_school
        )
        build_term_dates(self, schools)
        build_polls(self, clusters, heads)
        build_conferences(self, town=town, schools=schools, staff_by_school=staff_by_school)
        build_contributions(self, clusters, heads, staff_by_school)
        build_occasion(self, town, clusters, heads, staff_by_school)
        # Last: it answers the evaluations of meetings the builders above hold.
        build_evaluations(self)
        return logins

    def _logins(self, schools, heads, staff_by_school, clusters) -> list[DemoLogin]:
        admin = self._get_or_create(
            Person,
            email="admin@example.org",
            defaults={
                "first_name": "Alex",
                "last_name": "Admin",
                "job_title": "Alliance administrator",
                "contact_visibility": ContactVisibility.ALLIANCE,
            },
        )
        self._authenticator(self._user("admin@example.org", admin, admin=True))
        self._authenticator(self._user("head@example.org", heads[schools[0].pk]))
        self._user("staff@example.org", staff_by_school[schools[0].pk][6])
        coordinator = Membership.objects.filter(
            partnership=clusters["Central"], coordinator__isnull=False
        ).first()
        self._authenticator(self._user("coordinator@example.org", coordinator.coordinator))
        return [
            DemoLogin("alliance admin", "admin@example.org", needs_code=True),
            DemoLogin(f"headteacher of {schools[0].name}", "head@example.org", needs_code=True),
            DemoLogin(f"member of staff at {schools[0].name}", "staff@example.org"),
            DemoLogin(
                "coordinator of the Central cluster", "coordinator@example.org", needs_code=True
            ),
        ]


@transaction.atomic
def build_demo_alliance(*, today: datetime.date | None = None) -> tuple[list[DemoLogin], int]:
    """Build (or find) the demo alliance. Returns the demo logins and how many rows were new."""
    builder = DemoBuilder(today or timezone.localdate())
    logins = builder.build()
    # The public register's fictional sample: coordinates, "which is which", a successor school.
    builder.created += import_samples()
    return logins, builder.created
