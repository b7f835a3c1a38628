"""No 500 from anything a visitor can type.

Every GET route of the URL map is walked as a visitor, as a member who holds most roles (the
head and an editor of a school, coordinator of its partnership, chair of a group, a system
leader) and, on the routes closed to that member, as an alliance admin. For each route:

- a clean request with real objects in the path (built with tests/factories.py), which also
  records what the page reads from request.GET (`RecordingQueryDict`: get, getlist, [] and
  `in`, copies included, so django-filter's and Django's forms are heard reading their
  fields); the names are read again with every one of them present, for a page that reads a
  field only once another is there (a report's "end" once "start" is given), and the fields of
  any FilterSet the page shows are added;
- each recorded parameter with each HOSTILE value, then all of them at once with each value
  (and as an htmx request where the page answers htmx apart: Vary: HX-Request);
- each path argument replaced by each HOSTILE value its converter lets through to the view.

A persona sent to sign in runs none of the page's code, so its hostile requests are left to
the member (and the admin).

No answer may be a 500 (or an exception out of the client); every failure is listed at once.
The whole walk runs on PostgreSQL, where NUL bytes and out-of-range numbers reach a real
server; on SQLite a fixed sample of the hostile requests runs, so CI stays quick on both.
"""

from __future__ import annotations

import datetime
import re
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.cache import has_vary_header
from django_filters import FilterSet

from events.models import CalendarFeedToken, Occasion
from notifications.tokens import confirm_token, rsvp_token, unsubscribe_token
from partnerships.models import GroupObjective, PartnerOrganisation
from people.designations import Designation
from people.models import PersonQualification, Qualification
from programme.models import ContributionRequest, Session, SessionDocument, Slot
from registers.models import ImportJob
from tests.accounts.conftest import make_invitation
from tests.factories import (
    DeploymentFactory,
    EventDocumentFactory,
    EventFactory,
    MinuteActionFactory,
    NetworkGroupFactory,
    PersonFactory,
    PollOptionFactory,
    RegistrationFactory,
    ResourceFactory,
    ReviewFactory,
    RoleAssignmentFactory,
    SupportRequestFactory,
    UserFactory,
)
from tests.resources.conftest import PDF_BYTES

HOSTILE = {
    "year 1": "0001-01-01",
    "year 9999": "9999-12-31",
    "month of year 1": "0001-01",
    "month of year 9999": "9999-12",
    "NUL byte": "abc\x00def",
    "10,000 characters": "x" * 10_000,
    "zero": "0",
    "negative": "-1",
    "huge number": "99999999999999999999",
    # Emoji (a joined family), right-to-left text with an override, and combining marks.
    "unicode": (
        "\U0001f3eb\U0001f468\u200d\U0001f469\u200d\U0001f467 \u202eمدرسة\u202c e\u0301\u0308\u0327"
    ),
    "SQL": "' OR 1=1 --",
    "tsquery operators": "a & b | !c",
    "tsquery prefix": ":*",
    "tsquery phrase": "a <-> b",
}

# Views that are not the portal's code: Django admin's ModelAdmin pages (the portal only
# declares their fields; no custom filter or search code), allauth's sign-in and account pages,
# django-simple-history's admin pages. Their maintainers
# test their parameters. Views the portal hosts inside Django admin (the register import,
# "add schools to a partnership", a person's erasure) are the portal's code and are walked.
THIRD_PARTY = ("django.", "allauth.", "simple_history.")

# Sampling on SQLite: one hostile request in SQLITE_SAMPLE, chosen by a hash of the request, so
# every run makes the same ones.
SQLITE_SAMPLE = 4


@dataclass(frozen=True)
class Route:
    name: str  # "events:detail"
    pattern: str  # "events/<int:pk>/"
    view: str  # "events.views.detail.event_detail"
    converters: dict  # path argument -> its converter

    def __str__(self) -> str:
        return self.name

    @property
    def group(self) -> str:
        """Its namespace ("events"), or "" for the project's own routes."""
        return self.name.split(":")[0] if ":" in self.name else ""


def url_map() -> list[Route]:
    """Every named route of the URL map, its namespaces joined, in the map's order."""
    routes: list[Route] = []

    def walk(patterns, prefix: str, namespace: str, converters: dict) -> None:
        for pattern in patterns:
            found = {**converters, **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, found)
            elif isinstance(pattern, URLPattern):
                name = ":".join(filter(None, [namespace, pattern.name or ""]))
                routes.append(Route(name, prefix + str(pattern.pattern), pattern.lookup_str, found))

    walk(get_resolver().url_patterns, "", "", {})
    return routes


def portal_routes() -> list[Route]:
    return [route for route in url_map() if not route.view.startswith(THIRD_PARTY)]


# The real objects behind each route's path arguments (keys of the `world` fixture).
PATH_ARGS: dict[str, dict[str, str]] = {
    "schools:detail": {"slug": "school.slug"},
    "schools:edit": {"slug": "school.slug"},
    "schools:correction_new": {"slug": "school.slug"},
    "schools:history": {"slug": "school.slug"},
    "people:detail": {"pk": "person.pk"},
    "people:vcard": {"pk": "person.pk"},
    "people:edit": {"pk": "person.pk"},
    "people:history": {"pk": "person.pk"},
    "people:role_add": {"pk": "person.pk"},
    "people:role_end": {"pk": "person.pk", "role_pk": "role.pk"},
    "people:post_add": {"pk": "person.pk"},
    "people:designation_add": {"pk": "person.pk"},
    "people:qualification_add": {"pk": "person.pk"},
    "people:qualification_remove": {"pk": "person.pk", "record_pk": "qualification_record.pk"},
    "people:designation_edit": {"pk": "person.pk", "designation_pk": "designation.pk"},
    "people:post_end": {"pk": "person.pk", "post_pk": "post.pk"},
    "privacy:erase": {"pk": "erasable.pk"},
    "privacy:archive": {"pk": "person.pk"},
    "registers:people_import": {"slug": "school.slug"},
    "registers:people_template": {"slug": "school.slug"},
    "registers:memberships_import": {"slug": "partnership.slug"},
    "registers:memberships_template": {"slug": "partnership.slug"},
    "partnerships:detail": {"slug": "partnership.slug"},
    "partnerships:edit": {"slug": "partnership.slug"},
    "partnerships:history": {"slug": "partnership.slug"},
    "partnerships:membership_add": {"slug": "partnership.slug"},
    "partnerships:membership_edit": {"slug": "partnership.slug", "pk": "membership.pk"},
    "partnerships:membership_end": {"slug": "partnership.slug", "pk": "membership.pk"},
    "partnerships:group": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "partnerships:group_edit": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "partnerships:organisation": {"pk": "organisation.pk"},
    "partnerships:organisation_edit": {"pk": "organisation.pk"},
    "partnerships:group_objectives": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "partnerships:objective_add": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "partnerships:objective_note": {
        "slug": "partnership.slug",
        "group_slug": "group.slug",
        "pk": "objective.pk",
    },
    "notifications:settings_person": {"pk": "person.pk"},
    "notifications:unsubscribe": {"token": "unsubscribe_token"},
    "notifications:confirm_profile": {"token": "confirm_token"},
    "notifications:rsvp": {"token": "rsvp_token"},
    "notifications:message_partnership": {"slug": "partnership.slug"},
    "notifications:message_group": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "events:detail": {"pk": "event.pk"},
    "events:edit": {"pk": "event.pk"},
    "events:register": {"pk": "event.pk"},
    "events:cancel": {"pk": "event.pk"},
    "events:rsvp": {"pk": "event.pk"},
    "events:call_off": {"pk": "event.pk"},
    "events:roll_call": {"pk": "past_meeting.pk"},
    "events:minutes": {"pk": "past_meeting.pk"},
    "events:minutes_publish": {"pk": "past_meeting.pk"},
    "events:action_done": {"pk": "action.pk"},
    "events:participation": {"slug": "partnership.slug"},
    "events:participation_csv": {"slug": "partnership.slug"},
    "events:registrations": {"pk": "event.pk"},
    "events:registrations_csv": {"pk": "event.pk"},
    "events:document_upload": {"pk": "event.pk"},
    "events:document": {"pk": "event.pk", "doc_pk": "document.pk"},
    "events:ics": {"pk": "event.pk"},
    "events:feed_partnership": {"slug": "partnership.slug"},
    "events:feed_group": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "events:feed_person": {"token": "feed_token"},
    "events:occasion_new": {"slug": "partnership.slug"},
    "events:occasion": {"pk": "occasion.pk"},
    "events:occasion_csv": {"pk": "occasion.pk"},
    "events:occasion_add": {"pk": "occasion.pk"},
    "events:rota_partnership": {"slug": "partnership.slug"},
    "events:rota_group": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "feedback:form": {"pk": "past_meeting.pk"},
    "feedback:certificate": {"pk": "past_meeting.pk"},
    "feedback:questions": {"pk": "past_meeting.pk"},
    "feedback:results": {"pk": "past_meeting.pk"},
    "feedback:results_csv": {"pk": "past_meeting.pk"},
    "eventlists:attendees": {"pk": "event.pk"},
    "eventlists:attendees_csv": {"pk": "event.pk"},
    "eventlists:badges": {"pk": "event.pk"},
    "eventlists:choices_csv": {"pk": "event.pk"},
    "eventlists:sign_in": {"pk": "sheet_session.pk"},
    "contributions:request": {"pk": "event.pk"},
    "contributions:board": {"pk": "contribution_request.pk"},
    "contributions:answer": {"pk": "contribution_request.pk"},
    "polls:new_partnership": {"slug": "partnership.slug"},
    "polls:new_group": {"slug": "partnership.slug", "group_slug": "group.slug"},
    "polls:detail": {"pk": "poll.pk"},
    "polls:answer": {"pk": "poll.pk"},
    "polls:fix": {"pk": "poll.pk"},
    "accounts:withdraw": {"pk": "invitation.pk"},
    "accounts:accept": {"token": "invitation_token"},
    "support:request": {"pk": "support_request.pk"},
    "support:request_deploy": {"pk": "support_request.pk"},
    "support:request_close": {"pk": "support_request.pk"},
    "support:deployment": {"pk": "deployment.pk"},
    "support:visit_create": {"pk": "deployment.pk"},
    "support:outcome": {"pk": "deployment.pk"},
    "support:school": {"slug": "school.slug"},
    "support:leader": {"pk": "member.pk"},
    "support:report": {"slug": "partnership.slug"},
    "support:report_csv": {"slug": "partnership.slug"},
    "reviews:detail": {"pk": "review.event_id"},
    "reviews:edit": {"pk": "review.event_id"},
    "reviews:sharing": {"pk": "review.event_id"},
    "reviews:reviewers": {"pk": "review.event_id"},
    "programme:event": {"pk": "event.pk"},
    "programme:edit": {"pk": "event.pk"},
    "programme:slot_create": {"pk": "event.pk"},
    "programme:slot_edit": {"pk": "slot.pk"},
    "programme:session_create": {"pk": "slot.pk"},
    "programme:withdraw": {"pk": "slot.pk"},
    "programme:session": {"pk": "session.pk"},
    "programme:session_edit": {"pk": "session.pk"},
    "programme:session_delete": {"pk": "session.pk"},
    "programme:choose": {"pk": "session.pk"},
    "programme:choices_csv": {"pk": "session.pk"},
    "programme:document_upload": {"pk": "session.pk"},
    "programme:document": {"pk": "session.pk", "doc_pk": "session_document.pk"},
    "programme:feed": {"token": "feed_token"},
    "resources:detail": {"pk": "resource.pk"},
    "resources:download": {"pk": "resource.pk"},
    "resources:edit": {"pk": "resource.pk"},
    "resources:comment": {"pk": "resource.pk"},
    "resources:use": {"pk": "resource.pk"},
    "resources:pin": {"pk": "resource.pk"},
    "resources:unpin": {"pk": "resource.pk"},
    "admin:partnerships_partnership_add_schools": {"pk": "partnership.pk"},
    "admin:people_person_delete": {"object_id": "erasable.pk"},
    "admin:registers_import_job": {"job": "import_job.pk"},
    # Any file name: uploads are served only with DEBUG on, and none is uploaded here.
    "uploads": {"path": "school.slug"},
}


def _organisation_of(partnership):
    """A partner organisation the partnership works with, with a role held there."""
    organisation = PartnerOrganisation.objects.create(name="Testshire Maths Hub", kind="maths_hub")
    organisation.partnerships.add(partnership)
    return organisation


@pytest.fixture
def world(school, partnership):
    """One of each object a path names, and the member who holds most roles over them."""
    membership = partnership.memberships.get(school=school)
    member = PersonFactory(school=school, job_title="Headteacher")
    member.user = UserFactory(email=member.email)
    member.save(update_fields=["user"])
    school.headteacher = member
    school.save(update_fields=["headteacher"])
    school.editors.add(member)
    membership.coordinator = member
    membership.save(update_fields=["coordinator"])
    group = NetworkGroupFactory(partnership=partnership, name="Maths", slug="maths", chair=member)
    person = PersonFactory(school=school)
    event = EventFactory(
        network_group=group, partnership=partnership, host_school=school, chair=member
    )
    RegistrationFactory(event=event, person=person)
    # A meeting held last week: the roll call and minutes pages show their forms.
    past_meeting = EventFactory(
        network_group=group,
        partnership=partnership,
        host_school=school,
        chair=member,
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    group.members.add(person)
    support_request = SupportRequestFactory(school=school)
    admin_user = UserFactory(email="walk-admin@example.org", is_staff=True, is_superuser=True)
    slot = Slot.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    session = Session.objects.create(slot=slot, title="Phonics", capacity=2)
    session.presenters.add(member)
    return {
        "slot": slot,
        "session": session,
        "session_document": SessionDocument.objects.create(
            session=session, title="Slides", file=ContentFile(PDF_BYTES, name="slides.pdf")
        ),
        "school": school,
        "partnership": partnership,
        "membership": membership,
        "member": member,
        "admin_user": admin_user,
        "group": group,
        "person": person,
        "role": RoleAssignmentFactory(person=person),
        "organisation": _organisation_of(partnership),
        "qualification_record": PersonQualification.objects.create(
            person=person, qualification=Qualification.objects.get(slug="npqh"), year=2020
        ),
        "designation": Designation.objects.create(
            person=person, designated_on=datetime.date(2023, 9, 1)
        ),
        "objective": GroupObjective.objects.create(group=group, title="Moderate writing"),
        "post": person.posts.get(),
        "erasable": PersonFactory(school=school),
        "event": event,
        "contribution_request": ContributionRequest.objects.create(
            event=event, prompt="One five-minute presentation per school.", minutes_each=5
        ),
        "past_meeting": past_meeting,
        # A workshop of the event's programme: its sign-in sheet.
        "sheet_session": Session.objects.create(
            slot=Slot.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at),
            title="Fractions workshop",
        ),
        "occasion": Occasion.objects.create(title="Writing evening", partnership=partnership),
        "action": MinuteActionFactory(event=past_meeting, owner=member),
        "document": EventDocumentFactory(event=event),
        "feed_token": CalendarFeedToken.objects.create(person=member).token,
        "invitation": make_invitation(school, token="walk-token-0123456789"),
        "invitation_token": "walk-token-0123456789",
        "unsubscribe_token": unsubscribe_token(person_id=member.pk, kind="minutes"),
        "confirm_token": confirm_token(person_id=member.pk, school_id=school.pk),
        "rsvp_token": rsvp_token(person_id=member.pk, event_id=event.pk, answer="going"),
        "support_request": support_request,
        "deployment": DeploymentFactory(
            request=support_request,
            system_leader=member,
            supported_school=school,
            partnership=partnership,
            specialism=support_request.specialism,
        ),
        "import_job": ImportJob.objects.create(
            kind="establishments",
            state="done",
            summary="Would have created 1, updated 0, unchanged 0.",
            report={"rows": [{"line": 2, "urn": "990001", "name": "Abbey", "action": "created"}]},
            created_by=admin_user,
        ),
        "resource": ResourceFactory(
            source_school=school, author=member, file=ContentFile(PDF_BYTES, name="lesson.pdf")
        ),
        "poll": PollOptionFactory(poll__partnership=partnership, poll__network_group=group).poll,
        # A review day of the member's school: the member heads it and coordinates the day.
        "review": ReviewFactory(event__host_school=school, event__partnership=partnership),
    }


def _lookup(world: dict, dotted: str):
    name, *attrs = dotted.split(".")
    value = world[name]
    for attr in attrs:
        value = getattr(value, attr)
    return value


def real_kwargs(route: Route, world: dict) -> dict:
    return {arg: _lookup(world, dotted) for arg, dotted in PATH_ARGS.get(route.name, {}).items()}


# What the page reads from request.GET -----------------------------------------------------------


class RecordingQueryDict(QueryDict):
    """request.GET that notes every name a page asks for, in `read` (shared by its copies)."""

    def __init__(self, query_string: str = "", *, read: set[str], mutable: bool = False):
        self.read = read  # before parsing, which asks `in`
        super().__init__(query_string, mutable=mutable)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def copy(self) -> RecordingQueryDict:
        result = RecordingQueryDict(read=self.read, mutable=True)
        for key, values in self.lists():
            result.setlist(key, list(values))
        return result

    def __copy__(self) -> RecordingQueryDict:
        return self.copy()

    def __deepcopy__(self, memo) -> RecordingQueryDict:
        return self.copy()


READ: set[str] = set()


def record_get_reads(get_response):
    """Test middleware, first in the chain: request.GET becomes a RecordingQueryDict."""

    def middleware(request):
        request.GET = RecordingQueryDict(request.META.get("QUERY_STRING", ""), read=READ)
        return get_response(request)

    return middleware


# The walk ------------------------------------------------------------------------------------


@dataclass
class Walk:
    client: Client
    persona: str
    sample: bool
    failures: list[str]
    requests: int = 0

    def get(self, url: str, *, htmx: bool = False, always: bool = False):
        """GET `url`; a 500 or an exception is noted, not raised. Unless `always`, skipped on
        SQLite outside the sample."""
        chosen = zlib.crc32(f"{self.persona} {htmx} {url}".encode()) % SQLITE_SAMPLE == 0
        if self.sample and not always and not chosen:
            return None
        self.requests += 1
        headers = {"HX-Request": "true"} if htmx else {}
        shown = f"{self.persona} GET {_shorten(url)}{' (htmx)' if htmx else ''}"
        try:
            response = self.client.get(url, headers=headers)
        except Exception as error:  # noqa: BLE001 - every failure is listed together
            self.failures.append(f"{shown}: raised {error!r:.300}")
            return None
        if response.status_code >= 500:
            cause = repr(response.exc_info[1]) if response.exc_info else "no exception"
            self.failures.append(f"{shown}: {response.status_code} ({cause:.300})")
        return response


def _shorten(url: str) -> str:
    return url if len(url) <= 160 else f"{url[:120]}...({len(url)} characters)"


def _with_query(url: str, params: dict) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def _filter_fields(response) -> set[str]:
    """The fields of any FilterSet the page put in its templates' context."""
    names: set[str] = set()
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, FilterSet):
                names.update(value.form.fields)
    return names


def discover(walk: Walk, url: str):
    """The clean response, and the GET names the page reads (with every name it reads present,
    until no new one appears)."""
    READ.clear()
    response = walk.get(url, always=True)
    if response is None:
        return None, set()
    names = set(READ) | _filter_fields(response)
    for _ in range(3):
        READ.clear()
        again = walk.get(_with_query(url, dict.fromkeys(sorted(names), "1")), always=True)
        if again is None or names >= READ:
            break
        names |= READ
    return response, names


SENTINELS = {
    "int": "86753090",
    "slug": "hostile-walk-sentinel",
    "str": "hostile-walk-sentinel",
    "uuid": "86753090-0000-4000-8000-000000000000",
}


def _converter_kind(converter) -> str:
    kinds = {"IntConverter": "int", "SlugConverter": "slug", "UUIDConverter": "uuid"}
    return kinds.get(type(converter).__name__, "str")


def hostile_paths(route: Route, world: dict) -> list[str]:
    """The route's URL with one path argument at a time replaced by each hostile value its
    converter lets through. A value the converter refuses never reaches the view (the resolver
    answers 404 before any of the portal's code runs): one such value per argument is kept, to
    show that 404 page answers too."""
    kwargs = real_kwargs(route, world)
    urls = []
    for arg, converter in route.converters.items():
        sentinel = SENTINELS[_converter_kind(converter)]
        template = reverse(route.name, kwargs={**kwargs, arg: sentinel})
        refused_one = False
        for value in HOSTILE.values():
            if not re.fullmatch(converter.regex, value):
                if refused_one:
                    continue
                refused_one = True
            urls.append(template.replace(sentinel, quote(value, safe="")))
    return urls


def walk_route(walk: Walk, route: Route, world: dict) -> bool:
    """Walk one route; False when this persona was not shown the page (refused, sent to sign
    in or elsewhere), so that a persona with more rights walks it too."""
    url = reverse(route.name, kwargs=real_kwargs(route, world))
    response, names = discover(walk, url)
    if response is None:
        return True
    if response.status_code == 405:
        return True  # not a GET route: nothing of it runs for GET
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return False  # sent to sign in before any of the page's code runs
    names = sorted(names)
    for name in names:
        for value in HOSTILE.values():
            walk.get(_with_query(url, {name: value}))
    if len(names) > 1:
        # Every name at once too: a pair read together ("from" and "to") meets its own edges.
        for value in HOSTILE.values():
            walk.get(_with_query(url, dict.fromkeys(names, value)))
    if names and has_vary_header(response, "HX-Request"):
        # The htmx fragment runs the same view into a smaller template: each hostile value
        # once, the names taking turns, rather than every value for every name again.
        for index, value in enumerate(HOSTILE.values()):
            walk.get(_with_query(url, {names[index % len(names)]: value}), htmx=True)
    for target in hostile_paths(route, world):
        walk.get(target)
    return 200 <= response.status_code < 300


def signed_in_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def walk_settings(settings):
    # The portal's own error pages (400, 404, 500), not Django's debugging ones.
    settings.DEBUG = False
    # Rate limits have tests of their own; here they would stop hostile values before the view.
    settings.INVITATION_ACCEPT_RATE_LIMIT = 100_000
    settings.MIDDLEWARE = [
        "tests.alliance.test_hostile_params.record_get_reads",
        *settings.MIDDLEWARE,
    ]
    return settings


def _report(walks: list[Walk], started: float) -> str:
    count = sum(walk.requests for walk in walks)
    return f"{count} requests in {time.monotonic() - started:.1f} s"


# The namespaces, written out: reading the URL map while tests are collected would import the
# URLconf before pytest-django has set the test settings up.
GROUPS = [
    "",
    "accounts",
    "admin",
    "eventlists",
    "contributions",
    "events",
    "feedback",
    "notifications",
    "partnerships",
    "people",
    "polls",
    "programme",
    "privacy",
    "registers",
    "resources",
    "reviews",
    "schools",
    "search",
    "support",
]


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group or "root")
def test_no_hostile_value_answers_500(world, walk_settings, group):
    """Every route of one part of the URL map (a namespace), as a visitor, as the member and,
    where the member is refused, as an admin."""
    started = time.monotonic()
    sample = connection.vendor == "sqlite"
    failures: list[str] = []
    visitor = Walk(Client(raise_request_exception=False), "visitor", sample, failures)
    member = Walk(signed_in_client(world["member"].user), "member", sample, failures)
    admin = Walk(signed_in_client(world["admin_user"]), "admin", sample, failures)
    for route in portal_routes():
        if route.group == group:
            walk_route(visitor, route, world)
            if not walk_route(member, route, world):
                walk_route(admin, route, world)
    print(f"{group or 'root'}: {_report([visitor, member, admin], started)}")
    assert not failures, f"{len(failures)} requests answered 500:\n" + "\n".join(failures)


def test_every_portal_route_is_walked():
    """Each of the portal's routes with path arguments names the real objects to put there,
    and no entry names a route that is gone."""
    routes = {route.name: route for route in portal_routes()}
    missing = sorted(
        name
        for name, route in routes.items()
        if set(route.converters) != set(PATH_ARGS.get(name, {}))
    )
    stale = sorted(set(PATH_ARGS) - set(routes))
    assert {route.group for route in routes.values()} == set(GROUPS), "Update GROUPS"
    assert not missing, f"Add the real objects for these routes' path arguments: {missing}"
    assert not stale, f"PATH_ARGS names routes that no longer exist: {stale}"
    skipped = {route.view.split(".")[0] for route in url_map()} - {
        route.view.split(".")[0] for route in routes.values()
    }
    assert skipped <= {"django", "allauth", "simple_history"}


# The addresses that answered 500 before the walk existed, and the portal's 400 page. --------

MONTH_MESSAGE = "Choose a month as year and month"
DATE_MESSAGE = "Enter a date between 1 January 1900 and 31 December 2199."
NUL_MESSAGE = "The address has a NUL character (%00) in it"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/events/calendar/?month=0001-01", MONTH_MESSAGE),
        ("/events/calendar/?month=9999-12", MONTH_MESSAGE),
        ("/events/?date_from=0001-01-01", DATE_MESSAGE),
        ("/events/?date_to=9999-12-31", DATE_MESSAGE),
        ("/events/feeds/person/abc%00.ics", NUL_MESSAGE),
        ("/search/?q=a%00b", NUL_MESSAGE),
    ],
)
def test_an_address_no_page_can_answer_is_explained(db, settings, url, message):
    settings.DEBUG = False  # the portal's page, not Django's debugging one
    response = Client().get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f" - {settings.PORTAL_NAME}</title>" in html


def test_the_400_page_keeps_a_member_signed_in(staff, settings):
    settings.DEBUG = False
    html = staff.get("/schools/?q=a%00").content.decode()
    assert NUL_MESSAGE in html
    assert "Sign out" in html


def test_djangos_own_refusals_get_the_400_page_in_general_words(db, settings):
    settings.DEBUG = False
    response = Client().get("/", headers={"host": "portal.evil.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The portal could not understand the address" in html
    assert "evil" not in html
