"""The permission matrix: every URL pattern of the project, for every kind of user, for GET
and POST, against the answer listed in one table.

How it works
- `resolver_routes()` reads every URL pattern from Django's resolver. A pattern that is not in
  TABLE (or produced by `admin_routes()`, see below) fails `test_every_url_is_in_the_table`:
  whoever adds a URL adds its row here.
- A row maps a route to one or more Cases: a URL to request (formatted with the objects of the
  `world` fixture) and the expected outcome for GET and for POST (empty form data) per persona.
  `"*"` is the default for personas not named.
- Outcomes: an HTTP status ("200", "403", "404", "405", "410"...), "login" (a redirect to the
  sign-in page), "admin-login" (a redirect to Django admin's sign-in, which goes through
  allauth and refuses non-admins), "302" (any other redirect), and "admin-ok" (for alliance
  admins inside Django admin, whose per-model permissions decide between showing (200),
  redirecting (302) and refusing a read-only action (403)).
- Django admin: every registered ModelAdmin gets the same six routes, all behind
  admin_site.admin_view; `admin_routes()` derives them from the admin registry, so registering
  a model needs no new rows, while any other new admin URL does.

Another school's private object answers 404, not 403 (unpublished rows below), so ids cannot
be probed. The integrator extends TABLE when the schools, people, partnerships and events
branches add their pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

PERSONAS = ["anonymous", "staff", "head", "editor", "coordinator", "chair", "outsider", "admin"]
ACCEPTABLE = {"admin-ok": {"200", "302", "403"}}


@dataclass
class Case:
    url: str
    get: dict[str, str]
    post: dict[str, str] = field(default_factory=lambda: {"*": "405"})

    def expected(self, method: str, persona: str) -> str:
        table = self.get if method == "GET" else self.post
        return table.get(persona, table["*"])


def everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {"*": outcome, **overrides}


def signed_in(outcome: str, anonymous: str = "login", **overrides: str) -> dict[str, str]:
    return {"*": outcome, "anonymous": anonymous, **overrides}


def inviters(outcome: str) -> dict[str, str]:
    """Headteachers and admins may invite; other members are refused."""
    return {"*": "403", "anonymous": "login", "head": outcome, "admin": outcome}


def school_editors(outcome: str, **overrides: str) -> dict[str, str]:
    """`school`'s headteacher and editors, and admins; other members are refused."""
    return {
        "*": "403",
        "anonymous": "login",
        "head": outcome,
        "editor": outcome,
        "admin": outcome,
        **overrides,
    }


def coordinators(outcome: str, **overrides: str) -> dict[str, str]:
    """`partnership`'s coordinators and admins; other members are refused."""
    return {"*": "403", "anonymous": "login", "coordinator": outcome, "admin": outcome, **overrides}


def support_viewers(outcome: str, **overrides: str) -> dict[str, str]:
    """A support request of `school`: its head and editors, the partnership's coordinators
    and admins; to other members it does not exist (404)."""
    return {
        "*": "404",
        "anonymous": "login",
        "head": outcome,
        "editor": outcome,
        "coordinator": outcome,
        "admin": outcome,
        **overrides,
    }


def single(url: str, get: dict[str, str], post: dict[str, str] | None = None) -> list[Case]:
    return [Case(url, get, post if post is not None else everyone("405"))]


# route (as the resolver spells it) -> cases ----------------------------------------------------
TABLE: dict[str, list[Case]] = {
    # The portal
    "": single("/", everyone("200")),
    "healthz": single("/healthz", everyone("200")),
    "schools/": single("/schools/", everyone("200")),
    "schools/<slug:slug>/": [
        Case("/schools/{school.slug}/", everyone("200")),
        Case("/schools/{hidden_school.slug}/", signed_in("200", anonymous="404")),
    ],
    "people/": single("/people/", signed_in("200"), signed_in("405")),
    "people/<int:pk>/": single("/people/{person.pk}/", signed_in("200"), signed_in("405")),
    "partnerships/": single("/partnerships/", everyone("200")),
    "partnerships/<slug:slug>/": [
        Case("/partnerships/{partnership.slug}/", everyone("200")),
        Case("/partnerships/{hidden_partnership.slug}/", signed_in("200", anonymous="404")),
    ],
    "partnerships/<slug:slug>/groups/<slug:group_slug>/": [
        Case("/partnerships/{partnership.slug}/groups/{group.slug}/", everyone("200")),
        Case(
            "/partnerships/{hidden_partnership.slug}/groups/{hidden_group.slug}/",
            signed_in("200", anonymous="404"),
        ),
    ],
    "events/": single("/events/", everyone("200")),
    "events/<int:pk>/": [
        Case("/events/{event.pk}/", everyone("200")),
        Case("/events/{hidden_event.pk}/", signed_in("200", anonymous="404")),
    ],
    "readyz": single("/readyz", everyone("200")),
    "favicon.ico": single("/favicon.ico", everyone("302")),
    # Schools. An unpublished school is visible to every signed-in member, so refusing them an
    # action on it is a 403; only the public is told it does not exist.
    "schools/export.csv": single("/schools/export.csv", everyone("200")),
    # Registers: exports, and CSV imports with preview.
    "registers/export/schools.csv": single("/registers/export/schools.csv", everyone("200")),
    "registers/export/events.csv": single("/registers/export/events.csv", everyone("200")),
    "registers/export/people.csv": single(
        "/registers/export/people.csv", signed_in("200"), signed_in("405")
    ),
    "registers/export/memberships.csv": single(
        "/registers/export/memberships.csv", signed_in("200"), signed_in("405")
    ),
    "registers/export/network-groups.csv": single(
        "/registers/export/network-groups.csv", signed_in("200"), signed_in("405")
    ),
    "registers/export/support-requests.csv": single(
        "/registers/export/support-requests.csv", signed_in("200"), signed_in("405")
    ),
    "registers/export/resources.csv": single(
        "/registers/export/resources.csv", signed_in("200"), signed_in("405")
    ),
    "registers/schools/<slug:slug>/people/import/": single(
        # An empty POST: no file, so 400 with the form's message for those allowed.
        "/registers/schools/{school.slug}/people/import/",
        inviters("200"),
        inviters("400"),
    ),
    "registers/schools/<slug:slug>/people/template.csv": single(
        "/registers/schools/{school.slug}/people/template.csv",
        inviters("200"),
        signed_in("405"),
    ),
    "registers/partnerships/<slug:slug>/memberships/import/": single(
        "/registers/partnerships/{partnership.slug}/memberships/import/",
        coordinators("200"),
        coordinators("400"),
    ),
    "registers/partnerships/<slug:slug>/memberships/template.csv": single(
        "/registers/partnerships/{partnership.slug}/memberships/template.csv",
        coordinators("200"),
        signed_in("405"),
    ),
    "schools/<slug:slug>/edit/": [
        Case(
            "/schools/{school.slug}/edit/",
            school_editors("200"),
            school_editors("200"),
        ),
        Case(
            "/schools/{hidden_school.slug}/edit/",
            signed_in("403", admin="200"),
            signed_in("403", admin="200"),
        ),
    ],
    # Asking for a correction of a register fact: an empty POST re-renders with its errors.
    "schools/<slug:slug>/corrections/new/": [
        Case(
            "/schools/{school.slug}/corrections/new/",
            school_editors("200"),
            school_editors("200"),
        ),
        Case(
            "/schools/{hidden_school.slug}/corrections/new/",
            signed_in("403", admin="200"),
            signed_in("403", admin="200"),
        ),
    ],
    "schools/<slug:slug>/history/": [
        Case("/schools/{school.slug}/history/", school_editors("200"), signed_in("405")),
        Case(
            "/schools/{hidden_school.slug}/history/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    # People: signed-in members only. Editing is for the person, their school's head and
    # editors; roles likewise (not the person); erasing for admins.
    "people/export.csv": single("/people/export.csv", signed_in("200"), signed_in("405")),
    "people/me/": single("/people/me/", signed_in("302"), signed_in("405")),
    "people/<int:pk>/vcard.vcf": single(
        "/people/{person.pk}/vcard.vcf", signed_in("200"), signed_in("405")
    ),
    "people/<int:pk>/edit/": single(
        "/people/{person.pk}/edit/", school_editors("200"), school_editors("200")
    ),
    "people/<int:pk>/history/": single(
        "/people/{person.pk}/history/", school_editors("200"), signed_in("405")
    ),
    "people/<int:pk>/roles/add/": single(
        "/people/{person.pk}/roles/add/", school_editors("200"), school_editors("200")
    ),
    # An empty form re-renders with its errors (200); the role is not ended.
    "people/<int:pk>/roles/<int:role_pk>/end/": single(
        "/people/{person.pk}/roles/{role.pk}/end/", school_editors("200"), school_editors("200")
    ),
    # Posts (jobs at schools): the person's school's head and editors, and admins. An empty
    # form re-renders with its errors (200); nothing is recorded or ended.
    "people/<int:pk>/posts/add/": single(
        "/people/{person.pk}/posts/add/", school_editors("200"), school_editors("200")
    ),
    "people/<int:pk>/posts/<int:post_pk>/end/": single(
        "/people/{person.pk}/posts/{post.pk}/end/", school_editors("200"), school_editors("200")
    ),
    # Designations (SLE, NLE): as roles, the school's head and editors, and admins.
    "people/<int:pk>/designations/add/": single(
        "/people/{person.pk}/designations/add/", school_editors("200"), school_editors("200")
    ),
    "people/<int:pk>/designations/<int:designation_pk>/edit/": single(
        "/people/{person.pk}/designations/{designation.pk}/edit/",
        school_editors("200"),
        school_editors("200"),
    ),
    # Programmes and qualifications: as the profile (the person, their school's head and
    # editors, admins). Removing is a POST that goes back to the profile.
    "people/<int:pk>/qualifications/add/": single(
        "/people/{person.pk}/qualifications/add/", school_editors("200"), school_editors("200")
    ),
    "people/<int:pk>/qualifications/<int:record_pk>/remove/": single(
        "/people/{person.pk}/qualifications/{qualification_record.pk}/remove/",
        signed_in("405"),
        school_editors("302"),
    ),
    # Subject access: the person themself (the `person` of the world is nobody's profile) and
    # admins.
    "people/<int:pk>/archive.zip": single(
        "/people/{person.pk}/archive.zip", signed_in("403", admin="200"), signed_in("405")
    ),
    "people/<int:pk>/erase/": single(
        "/people/{erasable.pk}/erase/",
        signed_in("403", admin="200"),
        signed_in("403", admin="302"),
    ),
    # Partnerships: its coordinators and admins organise it; a group's chair only their group.
    "partnerships/<slug:slug>/edit/": [
        Case(
            "/partnerships/{partnership.slug}/edit/",
            coordinators("200"),
            coordinators("200"),
        ),
        Case(
            "/partnerships/{hidden_partnership.slug}/edit/",
            signed_in("403", admin="200"),
            signed_in("403", admin="200"),
        ),
    ],
    "partnerships/<slug:slug>/history/": [
        Case(
            "/partnerships/{partnership.slug}/history/",
            coordinators("200"),
            signed_in("405"),
        ),
        Case(
            "/partnerships/{hidden_partnership.slug}/history/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    "partnerships/<slug:slug>/members/add/": single(
        "/partnerships/{partnership.slug}/members/add/", coordinators("200"), coordinators("200")
    ),
    "partnerships/<slug:slug>/members/<int:pk>/edit/": single(
        "/partnerships/{partnership.slug}/members/{membership.pk}/edit/",
        coordinators("200"),
        coordinators("200"),
    ),
    "partnerships/<slug:slug>/members/<int:pk>/end/": single(
        "/partnerships/{partnership.slug}/members/{membership.pk}/end/",
        coordinators("200"),
        coordinators("200"),
    ),
    "partnerships/<slug:slug>/groups/<slug:group_slug>/edit/": [
        Case(
            "/partnerships/{partnership.slug}/groups/{group.slug}/edit/",
            coordinators("200"),
            coordinators("200"),
        ),
        Case(
            "/partnerships/{partnership.slug}/groups/{chair_group.slug}/edit/",
            coordinators("200", chair="200"),
            coordinators("200", chair="200"),
        ),
        Case(
            "/partnerships/{hidden_partnership.slug}/groups/{hidden_group.slug}/edit/",
            signed_in("403", admin="200"),
            signed_in("403", admin="200"),
        ),
    ],
    # Partner organisations: a public page (its people for signed-in users); edited by the
    # coordinators of a partnership it works with, and admins.
    "partnerships/organisations/<int:pk>/": single(
        "/partnerships/organisations/{organisation.pk}/", everyone("200")
    ),
    "partnerships/organisations/<int:pk>/edit/": single(
        "/partnerships/organisations/{organisation.pk}/edit/",
        coordinators("200"),
        coordinators("200"),
    ),
    # A group's objectives: read by those who run it, its members and the heads of the
    # partnership's schools; written by its chairs, the partnership's coordinators and admins.
    # An empty form re-renders with its errors (200).
    "partnerships/<slug:slug>/groups/<slug:group_slug>/objectives/": [
        Case(
            "/partnerships/{partnership.slug}/groups/{group.slug}/objectives/",
            coordinators("200", head="200"),
            signed_in("405"),
        ),
        Case(
            "/partnerships/{partnership.slug}/groups/{chair_group.slug}/objectives/",
            coordinators("200", head="200", chair="200"),
            signed_in("405"),
        ),
    ],
    "partnerships/<slug:slug>/groups/<slug:group_slug>/objectives/add/": [
        Case(
            "/partnerships/{partnership.slug}/groups/{group.slug}/objectives/add/",
            coordinators("200"),
            coordinators("200"),
        ),
        Case(
            "/partnerships/{partnership.slug}/groups/{chair_group.slug}/objectives/add/",
            coordinators("200", chair="200"),
            coordinators("200", chair="200"),
        ),
    ],
    "partnerships/<slug:slug>/groups/<slug:group_slug>/objectives/<int:pk>/notes/add/": single(
        "/partnerships/{partnership.slug}/groups/{group.slug}/objectives/{objective.pk}/notes/add/",
        coordinators("200"),
        coordinators("200"),
    ),
    # Events: organised by the partnership's coordinators, the group's chair and admins.
    "events/calendar/": single("/events/calendar/", everyone("200")),
    "events/new/": single(
        "/events/new/", coordinators("200", chair="200"), coordinators("200", chair="200")
    ),
    "events/<int:pk>/edit/": [
        Case("/events/{event.pk}/edit/", coordinators("200"), coordinators("200")),
        Case(
            "/events/{chair_event.pk}/edit/",
            coordinators("200", chair="200"),
            coordinators("200", chair="200"),
        ),
        Case(
            "/events/{hidden_event.pk}/edit/",
            signed_in("403", admin="200"),
            signed_in("403", admin="200"),
        ),
    ],
    "events/<int:pk>/register/": [
        Case("/events/{event.pk}/register/", signed_in("405"), signed_in("302")),
        Case("/events/{hidden_event.pk}/register/", signed_in("405"), signed_in("302")),
    ],
    "events/<int:pk>/cancel/": single(
        "/events/{event.pk}/cancel/", signed_in("405"), signed_in("302")
    ),
    # Meetings: answered by members with a profile (an empty answer is refused, 400).
    "events/<int:pk>/rsvp/": [
        Case("/events/{event.pk}/rsvp/", signed_in("200"), signed_in("400")),
        Case("/events/{hidden_event.pk}/rsvp/", signed_in("200"), signed_in("400")),
    ],
    # Cancelling the event itself: its organisers (an empty reason is refused, 400).
    "events/<int:pk>/call-off/": [
        Case("/events/{event.pk}/call-off/", coordinators("200"), coordinators("400")),
        Case(
            "/events/{chair_event.pk}/call-off/",
            coordinators("200", chair="200"),
            coordinators("400", chair="400"),
        ),
    ],
    # The roll call, minutes and publishing: the chair, the minute-taker and the organisers.
    # `event` is still to come: the roll call refuses to save and publishing refuses, each
    # with a message (302).
    "events/<int:pk>/attendance/": [
        Case("/events/{event.pk}/attendance/", coordinators("200"), coordinators("302")),
        Case(
            "/events/{hidden_event.pk}/attendance/",
            signed_in("403", admin="200"),
            signed_in("403", admin="302"),
        ),
    ],
    # An empty POST has no actions' management form: 400 with the message.
    "events/<int:pk>/minutes/": [
        Case("/events/{event.pk}/minutes/", coordinators("200"), coordinators("400")),
        Case(
            "/events/{chair_event.pk}/minutes/",
            coordinators("200", chair="200"),
            coordinators("400", chair="400"),
        ),
    ],
    "events/<int:pk>/minutes/publish/": single(
        "/events/{event.pk}/minutes/publish/", signed_in("405"), coordinators("302")
    ),
    # An action: its owner and those who run its meeting (other members read it, 403).
    "events/actions/<int:pk>/done/": [
        Case("/events/actions/{action.pk}/done/", signed_in("405"), coordinators("302")),
        Case("/events/actions/0/done/", signed_in("405"), signed_in("404")),
    ],
    # Participation: the partnership's coordinators and its member schools' heads.
    "events/participation/<slug:slug>/": [
        Case(
            "/events/participation/{partnership.slug}/",
            coordinators("200", head="200"),
            signed_in("405"),
        ),
        Case(
            "/events/participation/{hidden_partnership.slug}/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    "events/participation/<slug:slug>.csv": single(
        "/events/participation/{partnership.slug}.csv",
        coordinators("200", head="200"),
        signed_in("405"),
    ),
    "events/<int:pk>/registrations/": [
        Case("/events/{event.pk}/registrations/", coordinators("200"), signed_in("405")),
        Case(
            "/events/{hidden_event.pk}/registrations/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    "events/<int:pk>/registrations.csv": [
        Case("/events/{event.pk}/registrations.csv", coordinators("200"), signed_in("405")),
        Case(
            "/events/{hidden_event.pk}/registrations.csv",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    # The organiser's printed lists of an event (feedback.urls_lists).
    "events/<int:pk>/attendees/": [
        Case("/events/{event.pk}/attendees/", coordinators("200"), signed_in("405")),
        Case(
            "/events/{hidden_event.pk}/attendees/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    "events/<int:pk>/attendees.csv": single(
        "/events/{event.pk}/attendees.csv", coordinators("200"), signed_in("405")
    ),
    "events/<int:pk>/badges/": single(
        "/events/{event.pk}/badges/", coordinators("200"), signed_in("405")
    ),
    "events/<int:pk>/choices.csv": single(
        "/events/{event.pk}/choices.csv", coordinators("200"), signed_in("405")
    ),
    "events/sessions/<int:pk>/sign-in/": [
        Case("/events/sessions/{sheet_session.pk}/sign-in/", coordinators("200"), signed_in("405")),
        Case("/events/sessions/0/sign-in/", signed_in("404"), signed_in("405")),
    ],
    # Evaluations: the form is for those marked attended (nobody here: a clear 403 page), the
    # certificate likewise (404: there is none), the questions and results for organisers.
    "feedback/event/<int:pk>/": [
        Case("/feedback/event/{event.pk}/", signed_in("403"), signed_in("403")),
        Case("/feedback/event/0/", signed_in("404"), signed_in("404")),
    ],
    "feedback/event/<int:pk>/certificate/": single(
        "/feedback/event/{event.pk}/certificate/", signed_in("404"), signed_in("405")
    ),
    # An empty POST asks nothing in particular: the default questions again (302).
    "feedback/event/<int:pk>/questions/": [
        Case("/feedback/event/{event.pk}/questions/", coordinators("200"), coordinators("302")),
        Case(
            "/feedback/event/{hidden_event.pk}/questions/",
            signed_in("403", admin="200"),
            signed_in("403", admin="302"),
        ),
    ],
    "feedback/event/<int:pk>/results/": [
        Case("/feedback/event/{event.pk}/results/", coordinators("200"), signed_in("405")),
        Case(
            "/feedback/event/{chair_event.pk}/results/",
            coordinators("200", chair="200"),
            signed_in("405"),
        ),
    ],
    "feedback/event/<int:pk>/results.csv": single(
        "/feedback/event/{event.pk}/results.csv", coordinators("200"), signed_in("405")
    ),
    # An empty upload re-renders the form with its errors (400).
    "events/<int:pk>/documents/": single(
        "/events/{event.pk}/documents/", signed_in("405"), coordinators("400")
    ),
    # Minutes: every signed-in member who may see the event.
    "events/<int:pk>/documents/<int:doc_pk>/": [
        Case("/events/{event.pk}/documents/{document.pk}/", signed_in("200"), signed_in("405")),
        Case("/events/{event.pk}/documents/0/", signed_in("404"), signed_in("405")),
    ],
    "events/<int:pk>/event.ics": [
        Case("/events/{event.pk}/event.ics", everyone("200")),
        Case("/events/{hidden_event.pk}/event.ics", everyone("200", anonymous="404")),
    ],
    # POST makes a new private feed address (the old one stops working).
    "events/feeds/mine/": single("/events/feeds/mine/", signed_in("200"), signed_in("302")),
    # Feeds are read by calendar apps without a session: published things only.
    "events/feeds/partnership/<slug:slug>.ics": [
        Case("/events/feeds/partnership/{partnership.slug}.ics", everyone("200")),
        Case("/events/feeds/partnership/{hidden_partnership.slug}.ics", everyone("404")),
    ],
    "events/feeds/group/<slug:slug>/<slug:group_slug>.ics": [
        Case("/events/feeds/group/{partnership.slug}/{group.slug}.ics", everyone("200")),
        Case(
            "/events/feeds/group/{hidden_partnership.slug}/{hidden_group.slug}.ics",
            everyone("404"),
        ),
    ],
    # A person's private feed: the secret address is the key.
    "events/feeds/person/<str:token>.ics": [
        Case("/events/feeds/person/{feed_token}.ics", everyone("200")),
        Case("/events/feeds/person/not-a-token.ics", everyone("404")),
    ],
    # Contributions per school: the event's organisers ask and order (an empty request is
    # refused, 400; an empty order changes nothing, 302); the head and editors of an asked
    # school answer (an empty answer is refused, 400); other members are refused (403).
    "contributions/event/<int:pk>/new/": [
        Case("/contributions/event/{event.pk}/new/", coordinators("200"), coordinators("400")),
        Case("/contributions/event/0/new/", signed_in("404"), signed_in("404")),
    ],
    "contributions/<int:pk>/": [
        Case("/contributions/{contribution_request.pk}/", coordinators("200"), coordinators("302")),
        Case("/contributions/0/", signed_in("404"), signed_in("404")),
    ],
    "contributions/<int:pk>/answer/": [
        Case(
            "/contributions/{contribution_request.pk}/answer/",
            school_editors("200", admin="403"),
            school_editors("400", admin="403"),
        ),
        Case("/contributions/0/answer/", signed_in("404"), signed_in("404")),
    ],
    # Occasions: created by the partnership's coordinators (an empty form is refused, 400);
    # the page is seen as its partnership is; the report is the participation report's.
    "events/occasions/new/<slug:slug>/": [
        Case(
            "/events/occasions/new/{partnership.slug}/",
            coordinators("200"),
            coordinators("400"),
        ),
        Case(
            "/events/occasions/new/{hidden_partnership.slug}/",
            signed_in("403", admin="200"),
            signed_in("403", admin="400"),
        ),
    ],
    "events/occasions/<int:pk>/": [
        Case("/events/occasions/{occasion.pk}/", everyone("200"), everyone("405")),
        Case(
            "/events/occasions/{hidden_occasion.pk}/",
            signed_in("200", anonymous="404"),
            everyone("405"),
        ),
        Case("/events/occasions/0/", everyone("404"), everyone("405")),
    ],
    # Adding meetings: the partnership's coordinators (an empty form is refused, 400).
    "events/occasions/<int:pk>/meetings/": [
        Case("/events/occasions/{occasion.pk}/meetings/", coordinators("200"), coordinators("400")),
        Case("/events/occasions/0/meetings/", signed_in("404"), signed_in("404")),
    ],
    "events/occasions/<int:pk>.csv": [
        Case(
            "/events/occasions/{occasion.pk}.csv",
            coordinators("200", head="200"),
            signed_in("405"),
        ),
        Case("/events/occasions/0.csv", signed_in("404"), signed_in("405")),
    ],
    "events/rota/<slug:slug>/": [
        Case("/events/rota/{partnership.slug}/", coordinators("200"), coordinators("200")),
        Case(
            "/events/rota/{hidden_partnership.slug}/",
            signed_in("403", admin="200"),
            signed_in("403", admin="200"),
        ),
    ],
    "events/rota/<slug:slug>/<slug:group_slug>/": [
        Case(
            "/events/rota/{partnership.slug}/{group.slug}/",
            coordinators("200"),
            coordinators("200"),
        ),
        Case(
            "/events/rota/{partnership.slug}/{chair_group.slug}/",
            coordinators("200", chair="200"),
            coordinators("200", chair="200"),
        ),
    ],
    # Availability polls: coordinators (and a group's chair) open and fix them; members of the
    # partnership or group see and answer them; to anyone else a poll does not exist (404).
    "polls/new/<slug:slug>/": [
        Case("/polls/new/{partnership.slug}/", coordinators("200"), coordinators("400")),
        Case(
            "/polls/new/{hidden_partnership.slug}/",
            signed_in("403", admin="200"),
            signed_in("403", admin="400"),
        ),
    ],
    "polls/new/<slug:slug>/<slug:group_slug>/": [
        Case(
            "/polls/new/{partnership.slug}/{group.slug}/", coordinators("200"), coordinators("400")
        ),
        Case(
            "/polls/new/{partnership.slug}/{chair_group.slug}/",
            coordinators("200", chair="200"),
            coordinators("400", chair="400"),
        ),
    ],
    "polls/<int:pk>/": [
        Case("/polls/{poll.pk}/", signed_in("200", outsider="404"), signed_in("405")),
        Case("/polls/{far_poll.pk}/", signed_in("404", admin="200"), signed_in("405")),
    ],
    # An empty POST names no date: 400 with the form's message for those who may answer.
    "polls/<int:pk>/answer/": [
        Case(
            "/polls/{poll.pk}/answer/",
            signed_in("405"),
            signed_in("400", outsider="404", admin="403"),
        ),
        Case("/polls/{far_poll.pk}/answer/", signed_in("405"), signed_in("404", admin="403")),
    ],
    "polls/<int:pk>/fix/": [
        Case(
            "/polls/{poll.pk}/fix/",
            signed_in("405"),
            signed_in("403", outsider="404", coordinator="400", admin="400"),
        ),
        Case("/polls/{far_poll.pk}/fix/", signed_in("405"), signed_in("404", admin="400")),
    ],
    "search/": single("/search/?q=school", everyone("200")),
    # Support: a request is private to the school's head and editors and the coordinators of
    # its partnerships; another school's request or deployment answers 404.
    "support/": single("/support/", signed_in("200"), signed_in("405")),
    "support/requests/new/": single(
        "/support/requests/new/", school_editors("200"), school_editors("200")
    ),
    "support/requests/<int:pk>/": [
        Case(
            "/support/requests/{support_request.pk}/",
            support_viewers("200"),
            signed_in("405"),
        ),
        Case(
            "/support/requests/{far_request.pk}/", signed_in("404", admin="200"), signed_in("405")
        ),
    ],
    # Deploying is for coordinators (an empty form re-renders, 200); the school's head and
    # editors see the request but may not deploy (403).
    "support/requests/<int:pk>/deploy/": [
        Case(
            "/support/requests/{support_request.pk}/deploy/",
            signed_in("405"),
            support_viewers("403", coordinator="200", admin="200"),
        ),
        Case(
            "/support/requests/{far_request.pk}/deploy/",
            signed_in("405"),
            signed_in("404", admin="200"),
        ),
    ],
    "support/requests/<int:pk>/close/": [
        Case(
            "/support/requests/{support_request.pk}/close/",
            signed_in("405"),
            support_viewers("302", coordinator="403"),
        ),
        Case(
            "/support/requests/{far_request.pk}/close/",
            signed_in("405"),
            signed_in("404", admin="302"),
        ),
    ],
    "support/deployments/<int:pk>/": [
        Case("/support/deployments/{deployment.pk}/", support_viewers("200"), signed_in("405")),
        Case(
            "/support/deployments/{far_deployment.pk}/",
            signed_in("404", admin="200"),
            signed_in("405"),
        ),
    ],
    "support/deployments/<int:pk>/visits/": [
        Case(
            "/support/deployments/{deployment.pk}/visits/",
            signed_in("405"),
            support_viewers("200"),
        ),
        Case(
            "/support/deployments/{far_deployment.pk}/visits/",
            signed_in("405"),
            signed_in("404", admin="200"),
        ),
    ],
    "support/deployments/<int:pk>/outcome/": [
        Case(
            "/support/deployments/{deployment.pk}/outcome/",
            signed_in("405"),
            support_viewers("200"),
        ),
        Case(
            "/support/deployments/{far_deployment.pk}/outcome/",
            signed_in("405"),
            signed_in("404", admin="200"),
        ),
    ],
    # A school's support received and given: the school (which every member may see) exists,
    # so others are refused (403).
    "support/schools/<slug:slug>/": [
        Case(
            "/support/schools/{school.slug}/",
            support_viewers("200", staff="403", chair="403", outsider="403"),
            signed_in("405"),
        ),
        Case(
            "/support/schools/{hidden_school.slug}/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    # The leader works at a school outside the partnership: only admins (and the leader).
    "support/leaders/<int:pk>/": single(
        "/support/leaders/{leader.pk}/", signed_in("403", admin="200"), signed_in("405")
    ),
    "support/partnerships/<slug:slug>/report/": [
        Case(
            "/support/partnerships/{partnership.slug}/report/",
            coordinators("200"),
            signed_in("405"),
        ),
        Case(
            "/support/partnerships/{far_partnership.slug}/report/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    "support/partnerships/<slug:slug>/report.csv": [
        Case(
            "/support/partnerships/{partnership.slug}/report.csv",
            coordinators("200"),
            signed_in("405"),
        ),
        Case(
            "/support/partnerships/{far_partnership.slug}/report.csv",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    # Resources: signed-in members; a partnership-only resource only for the partnership's
    # member schools (404 for the rest). Empty forms re-render with their errors (200).
    "resources/": single("/resources/", signed_in("200"), signed_in("405")),
    "resources/new/": single("/resources/new/", signed_in("200"), signed_in("200")),
    "resources/<int:pk>/": [
        Case("/resources/{resource.pk}/", signed_in("200"), signed_in("405")),
        Case(
            "/resources/{private_resource.pk}/", signed_in("200", outsider="404"), signed_in("405")
        ),
        Case("/resources/{far_resource.pk}/", signed_in("404", admin="200"), signed_in("405")),
    ],
    "resources/<int:pk>/download/": [
        Case("/resources/{resource.pk}/download/", signed_in("200"), signed_in("405")),
        Case(
            "/resources/{far_resource.pk}/download/",
            signed_in("404", admin="200"),
            signed_in("405"),
        ),
    ],
    "resources/<int:pk>/edit/": [
        Case("/resources/{resource.pk}/edit/", school_editors("200"), school_editors("200")),
        Case(
            "/resources/{far_resource.pk}/edit/",
            signed_in("404", admin="200"),
            signed_in("404", admin="200"),
        ),
    ],
    "resources/<int:pk>/comments/": [
        Case("/resources/{resource.pk}/comments/", signed_in("405"), signed_in("200")),
        Case(
            "/resources/{far_resource.pk}/comments/",
            signed_in("405"),
            signed_in("404", admin="200"),
        ),
    ],
    "resources/<int:pk>/used/": [
        Case("/resources/{resource.pk}/used/", signed_in("405"), signed_in("302")),
        Case(
            "/resources/{far_resource.pk}/used/",
            signed_in("405"),
            signed_in("404", admin="302"),
        ),
    ],
    # Pinning needs a group the user may pin in: a POST without one is refused (403).
    "resources/<int:pk>/pins/": [
        Case("/resources/{resource.pk}/pins/", signed_in("405"), signed_in("403")),
        Case("/resources/{far_resource.pk}/pins/", signed_in("405"), signed_in("404", admin="403")),
    ],
    "resources/<int:pk>/pins/remove/": [
        Case("/resources/{resource.pk}/pins/remove/", signed_in("405"), signed_in("403")),
        Case(
            "/resources/{far_resource.pk}/pins/remove/",
            signed_in("405"),
            signed_in("404", admin="403"),
        ),
    ],
    # Invitations
    "accounts/invitations/": single("/accounts/invitations/", inviters("200"), signed_in("405")),
    "accounts/invitations/new/": single(
        "/accounts/invitations/new/", inviters("200"), inviters("200")
    ),
    # Withdrawing an invitation: a head's own school's only; for anyone else it does not exist.
    "accounts/invitations/<int:pk>/withdraw/": single(
        "/accounts/invitations/{invitation.pk}/withdraw/",
        signed_in("405"),
        {"*": "404", "anonymous": "login", "head": "302", "admin": "302"},
    ),
    "accounts/invitations/<str:token>/": [
        Case(
            "/accounts/invitations/{token}/",
            signed_in("403", anonymous="200"),
            signed_in("403", anonymous="200"),
        ),
        Case(
            "/accounts/invitations/not-a-token/",
            signed_in("403", anonymous="404"),
            signed_in("403", anonymous="404"),
        ),
    ],
    # Sign-in, sign-out, password and e-mail pages (allauth). Signed-in users are sent on from
    # the sign-in and sign-up pages; sign-up itself is closed (200: the "closed" page).
    "accounts/login/": single(
        "/accounts/login/", signed_in("302", anonymous="200"), signed_in("302", anonymous="200")
    ),
    "accounts/logout/": single(
        "/accounts/logout/", signed_in("200", anonymous="302"), everyone("302")
    ),
    "accounts/inactive/": single("/accounts/inactive/", everyone("200")),
    "accounts/signup/": single(
        "/accounts/signup/", signed_in("302", anonymous="200"), signed_in("302", anonymous="200")
    ),
    "accounts/reauthenticate/": single(
        "/accounts/reauthenticate/", signed_in("200"), signed_in("200")
    ),
    # Re-authenticating by an e-mailed code (allauth 65.22+) needs a code sent first.
    "accounts/reauthenticate/code/": single(
        "/accounts/reauthenticate/code/", signed_in("302"), signed_in("302")
    ),
    "accounts/reauthenticate/code/confirm/": single(
        "/accounts/reauthenticate/code/confirm/", signed_in("302"), signed_in("302")
    ),
    "accounts/email/": single("/accounts/email/", signed_in("200"), signed_in("302")),
    "accounts/confirm-email/": single("/accounts/confirm-email/", everyone("200")),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": single(
        "/accounts/confirm-email/not-a-key/", everyone("200"), everyone("404")
    ),
    "accounts/password/change/": single(
        "/accounts/password/change/", signed_in("200"), signed_in("200")
    ),
    # Every account here has a password, so "set password" sends on to "change password".
    "accounts/password/set/": single("/accounts/password/set/", signed_in("302"), signed_in("302")),
    "accounts/password/reset/": single(
        "/accounts/password/reset/", everyone("200"), everyone("200")
    ),
    "accounts/password/reset/done/": single("/accounts/password/reset/done/", everyone("200")),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": single(
        "/accounts/password/reset/key/1-not-a-key/", everyone("200"), everyone("200")
    ),
    "accounts/password/reset/key/done/": single(
        "/accounts/password/reset/key/done/", everyone("200")
    ),
    # Login by e-mailed code is off: its page only sends people on.
    "accounts/login/code/confirm/": single(
        "/accounts/login/code/confirm/", signed_in("302"), signed_in("302")
    ),
    # Two-factor pages (allauth.mfa). None of these personas has an authenticator yet, so the
    # pages about an existing one answer 404, and the others send on (to re-authenticate).
    "accounts/2fa/": single("/accounts/2fa/", signed_in("200"), signed_in("405")),
    "accounts/2fa/authenticate/": single(
        "/accounts/2fa/authenticate/", signed_in("302"), signed_in("302")
    ),
    "accounts/2fa/reauthenticate/": single(
        "/accounts/2fa/reauthenticate/", signed_in("302"), signed_in("302")
    ),
    "accounts/2fa/totp/activate/": single(
        "/accounts/2fa/totp/activate/", signed_in("302"), signed_in("302")
    ),
    "accounts/2fa/totp/deactivate/": single(
        "/accounts/2fa/totp/deactivate/", signed_in("404"), signed_in("404")
    ),
    "accounts/2fa/recovery-codes/": single(
        "/accounts/2fa/recovery-codes/", signed_in("404"), signed_in("405")
    ),
    "accounts/2fa/recovery-codes/generate/": single(
        "/accounts/2fa/recovery-codes/generate/", signed_in("302"), signed_in("302")
    ),
    "accounts/2fa/recovery-codes/download/": single(
        "/accounts/2fa/recovery-codes/download/", signed_in("404"), signed_in("404")
    ),
    # Single sign-on (allauth.socialaccount, docs/sso.md). No provider is configured here, so
    # every provider's sign-in URL answers 404; the connections page is each user's own; the
    # error page answers 401. "social/..." are allauth's old addresses, sent on to "3rdparty/".
    "accounts/3rdparty/": single("/accounts/3rdparty/", signed_in("200"), signed_in("200")),
    "accounts/3rdparty/login/cancelled/": single(
        "/accounts/3rdparty/login/cancelled/", everyone("200")
    ),
    "accounts/3rdparty/login/error/": single("/accounts/3rdparty/login/error/", everyone("401")),
    # allauth's sign-up is never used: without a sign-in under way it asks to sign in.
    "accounts/3rdparty/signup/": single(
        "/accounts/3rdparty/signup/", everyone("login"), everyone("login")
    ),
    **{
        f"accounts/social/{page}": single(
            f"/accounts/social/{page}", everyone("302"), everyone("302")
        )
        for page in ["connections/", "login/cancelled/", "login/error/", "signup/"]
    },
    **{
        f"accounts/{provider}/login/{step}": single(
            f"/accounts/{provider}/login/{step}", everyone("404"), everyone("404")
        )
        for provider in ["microsoft", "google"]
        for step in ["", "callback/"]
    },
    "accounts/google/login/token/": single(
        "/accounts/google/login/token/", everyone("404"), everyone("404")
    ),
    "accounts/oidc/^(?P<provider_id>[^/]+)/login/": single(
        "/accounts/oidc/local/login/", everyone("404"), everyone("404")
    ),
    "accounts/oidc/^(?P<provider_id>[^/]+)/login/callback/": single(
        "/accounts/oidc/local/login/callback/", everyone("404"), everyone("404")
    ),
    # Notifications: each person's own settings (admins may change anyone's, for support); the
    # one-click unsubscribe needs no sign-in (RFC 8058); a group or partnership is messaged by
    # its chair and coordinators only.
    "notifications/settings/": single(
        "/notifications/settings/", signed_in("200"), signed_in("200")
    ),
    "notifications/settings/<int:pk>/": single(
        "/notifications/settings/{person.pk}/",
        signed_in("403", admin="200"),
        signed_in("403", admin="200"),
    ),
    "notifications/unsubscribe/<str:token>/": [
        Case("/notifications/unsubscribe/{unsubscribe_token}/", everyone("200"), everyone("200")),
        Case("/notifications/unsubscribe/not-a-token/", everyone("404"), everyone("404")),
    ],
    # The yearly "still correct" link: no sign-in; a token that names no head is refused.
    "notifications/confirm/<str:token>/": single(
        "/notifications/confirm/not-a-token/", everyone("404"), everyone("404")
    ),
    # "I'm going" and "Send apologies" from an invitation: no sign-in; a forged token is refused.
    "notifications/rsvp/<str:token>/": single(
        "/notifications/rsvp/not-a-token/", everyone("404"), everyone("404")
    ),
    "notifications/message/<slug:slug>/": [
        Case(
            "/notifications/message/{partnership.slug}/",
            coordinators("200"),
            coordinators("200"),
        ),
        Case(
            "/notifications/message/{hidden_partnership.slug}/",
            signed_in("403", anonymous="login", admin="200"),
            signed_in("403", anonymous="login", admin="200"),
        ),
    ],
    "notifications/message/<slug:slug>/<slug:group_slug>/": [
        Case(
            "/notifications/message/{partnership.slug}/{group.slug}/",
            coordinators("200"),
            coordinators("200"),
        ),
        Case(
            "/notifications/message/{partnership.slug}/{chair_group.slug}/",
            coordinators("200", chair="200"),
            coordinators("200", chair="200"),
        ),
    ],
}

# Review-day reports: for `school`'s head, the colleague the head named (staff), the day's
# reviewer (outsider) and admins; to everyone else they do not exist (404). Reviewers write,
# the head shares; the partnership's coordinators name the reviewers (but read no report).
# An empty POST re-shows the form (200) and changes nothing.
REVIEW_READERS = {"head": "200", "staff": "200", "outsider": "200", "admin": "200"}
TABLE |= {
    "reviews/": single("/reviews/", signed_in("200"), signed_in("405")),
    "reviews/<int:pk>/": single(
        "/reviews/{review.event_id}/",
        {"*": "404", "anonymous": "login", **REVIEW_READERS},
        signed_in("405"),
    ),
    "reviews/<int:pk>/edit/": single(
        "/reviews/{review.event_id}/edit/",
        signed_in("404", head="403", staff="403", admin="403", outsider="200"),
        signed_in("404", head="403", staff="403", admin="403", outsider="200"),
    ),
    "reviews/<int:pk>/sharing/": single(
        "/reviews/{review.event_id}/sharing/",
        signed_in("404", head="200", admin="200", staff="403", outsider="403"),
        signed_in("404", head="200", admin="200", staff="403", outsider="403"),
    ),
    "reviews/<int:pk>/reviewers/": single(
        "/reviews/{review.event_id}/reviewers/", coordinators("200"), coordinators("200")
    ),
}

# Conference programmes: seen by whoever sees the event; run by its organisers; a session's
# choices and documents also by its presenters (`staff` presents `session`). Choosing and
# withdrawing without a place answer with a message (302). An empty POST re-shows a form (400).
SESSION_MANAGERS = {"staff": "200", "coordinator": "200", "admin": "200"}
TABLE |= {
    "programme/event/<int:pk>/": [
        Case("/programme/event/{event.pk}/", everyone("200")),
        Case("/programme/event/{hidden_event.pk}/", everyone("200", anonymous="404")),
    ],
    "programme/event/<int:pk>/edit/": [
        Case("/programme/event/{event.pk}/edit/", coordinators("200"), signed_in("405")),
        Case(
            "/programme/event/{hidden_event.pk}/edit/",
            signed_in("403", admin="200"),
            signed_in("405"),
        ),
    ],
    "programme/event/<int:pk>/slots/new/": [
        Case("/programme/event/{event.pk}/slots/new/", coordinators("200"), coordinators("400")),
        Case("/programme/event/0/slots/new/", signed_in("404"), signed_in("404")),
    ],
    "programme/slot/<int:pk>/edit/": single(
        "/programme/slot/{slot.pk}/edit/", coordinators("200"), coordinators("400")
    ),
    "programme/slot/<int:pk>/sessions/new/": single(
        "/programme/slot/{slot.pk}/sessions/new/", coordinators("200"), coordinators("400")
    ),
    "programme/slot/<int:pk>/withdraw/": single(
        "/programme/slot/{slot.pk}/withdraw/", signed_in("405"), signed_in("302")
    ),
    "programme/session/<int:pk>/": [
        Case("/programme/session/{session.pk}/", everyone("200")),
        Case("/programme/session/{hidden_session.pk}/", everyone("200", anonymous="404")),
        Case("/programme/session/0/", everyone("404")),
    ],
    "programme/session/<int:pk>/edit/": single(
        "/programme/session/{session.pk}/edit/", coordinators("200"), coordinators("400")
    ),
    "programme/session/<int:pk>/delete/": single(
        "/programme/session/{spare_session.pk}/delete/", signed_in("405"), coordinators("302")
    ),
    "programme/session/<int:pk>/choose/": [
        Case("/programme/session/{session.pk}/choose/", signed_in("405"), signed_in("302")),
        Case("/programme/session/0/choose/", signed_in("405"), signed_in("404")),
    ],
    "programme/session/<int:pk>/choices.csv": single(
        "/programme/session/{session.pk}/choices.csv",
        {"*": "403", "anonymous": "login", **SESSION_MANAGERS},
        signed_in("405"),
    ),
    "programme/session/<int:pk>/documents/": single(
        "/programme/session/{session.pk}/documents/",
        signed_in("405"),
        {"*": "403", "anonymous": "login", **dict.fromkeys(SESSION_MANAGERS, "400")},
    ),
    "programme/session/<int:pk>/documents/<int:doc_pk>/": [
        Case(
            "/programme/session/{session.pk}/documents/{session_document.pk}/",
            signed_in("200"),
            signed_in("405"),
        ),
        Case("/programme/session/{session.pk}/documents/0/", signed_in("404"), signed_in("405")),
    ],
    "programme/mine/": single("/programme/mine/", signed_in("200"), signed_in("405")),
    # The sessions' feed opens with the person's events feed key, read without a session.
    "programme/feeds/<str:token>.ics": [
        Case("/programme/feeds/{feed_token}.ics", everyone("200")),
        Case("/programme/feeds/not-a-token.ics", everyone("404")),
    ],
}

# Routes of every registered ModelAdmin (admin.ModelAdmin.get_urls).
MODEL_ADMIN_ROUTES = {
    "": "/admin/{app}/{model}/",
    "add/": "/admin/{app}/{model}/add/",
    "<path:object_id>/history/": "/admin/{app}/{model}/{pk}/history/",
    "<path:object_id>/delete/": "/admin/{app}/{model}/{pk}/delete/",
    "<path:object_id>/change/": "/admin/{app}/{model}/{pk}/change/",
    "<path:object_id>/": "/admin/{app}/{model}/{pk}/",
}
ADMIN_ONLY = {"*": "admin-login", "admin": "admin-ok"}


def admin_case(url: str) -> list[Case]:
    return [Case(url, ADMIN_ONLY, ADMIN_ONLY)]


def admin_get_only(url: str) -> list[Case]:
    """A Django admin page that only answers GET (admins get 405 for POST)."""
    return [Case(url, ADMIN_ONLY, {**ADMIN_ONLY, "admin": "405"})]


ADMIN_TABLE: dict[str, list[Case]] = {
    "admin/": admin_case("/admin/"),
    "admin/login/": [
        Case(
            "/admin/login/",
            signed_in("403", anonymous="login", admin="302"),
            signed_in("403", anonymous="login", admin="admin-ok"),
        )
    ],
    # Django admin sends a non-admin's sign-out to its index (which then asks them to sign
    # in); an admin signs out by POST only.
    "admin/logout/": [
        Case("/admin/logout/", {"*": "302", "admin": "405"}, {"*": "302", "admin": "302"})
    ],
    "admin/password_change/": admin_case("/admin/password_change/"),
    "admin/password_change/done/": admin_get_only("/admin/password_change/done/"),
    "admin/autocomplete/": admin_get_only("/admin/autocomplete/"),
    "admin/jsi18n/": admin_get_only("/admin/jsi18n/"),
    # "View on site" for a school: admins are sent to its page.
    "admin/r/<path:content_type_id>/<path:object_id>/": admin_case(
        "/admin/r/{school_type.pk}/{school.pk}/"
    ),
    "admin/accounts/user/<id>/password/": admin_case(
        "/admin/accounts/user/{admin_user.pk}/password/"
    ),
    # simple_history's revert page for a history row that does not exist (its template reads
    # variables it does not always get, which the test settings refuse: reported).
    "admin/schools/school/^([^/]+)/history/([^/]+)/$": [
        Case(
            "/admin/schools/school/{school.pk}/history/0/",
            {**ADMIN_ONLY, "admin": "404"},
            {**ADMIN_ONLY, "admin": "404"},
        )
    ],
    "admin/^(?P<app_label>auth|account|mfa|socialaccount|accounts|partnerships|schools|registers|people|events|polls|programme|feedback|search|support|resources|notifications|django_tasks_database)/$": [  # noqa: E501
        Case(f"/admin/{app}/", ADMIN_ONLY, ADMIN_ONLY)
        for app in [
            "auth",
            "account",
            "mfa",
            "socialaccount",
            "accounts",
            "schools",
            "registers",
            "people",
            "partnerships",
            "events",
            "polls",
            "programme",
            "search",
            "support",
            "resources",
            "notifications",
            "django_tasks_database",
        ]
    ],
    # Importing the public register: admins only (an empty POST: 400 with the form's message).
    "admin/registers/registerrecord/import/": [
        Case(
            "/admin/registers/registerrecord/import/",
            ADMIN_ONLY,
            {**ADMIN_ONLY, "admin": "400"},
        )
    ],
    # A register import job: only the admin who uploaded the file sees it (no such job: 404).
    "admin/registers/registerrecord/import/<uuid:job>/": [
        Case(
            "/admin/registers/registerrecord/import/00000000-0000-4000-8000-000000000000/",
            {**ADMIN_ONLY, "admin": "404"},
            {**ADMIN_ONLY, "admin": "404"},
        )
    ],
    # Adding several schools to a partnership at once (an empty POST re-renders the form).
    # Loading term dates from a CSV file (an empty POST: 400 with the form's message).
    "admin/schools/termperiod/import/": [
        Case("/admin/schools/termperiod/import/", ADMIN_ONLY, {**ADMIN_ONLY, "admin": "400"})
    ],
    "admin/partnerships/partnership/<int:pk>/add-schools/": admin_case(
        "/admin/partnerships/partnership/{partnership.pk}/add-schools/"
    ),
    "admin/(?P<url>.*)$": [
        Case("/admin/no-such-page/", {**ADMIN_ONLY, "admin": "404"}, {**ADMIN_ONLY, "admin": "404"})
    ],
}


def admin_routes() -> dict[str, list[Case]]:
    """The six routes of every registered ModelAdmin, each tested with a real row's id."""
    routes: dict[str, list[Case]] = {}
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        first = model._default_manager.order_by("pk").first()
        pk = first.pk if first is not None else 0
        for suffix, url in MODEL_ADMIN_ROUTES.items():
            routes[f"admin/{app}/{name}/{suffix}"] = admin_case(
                url.format(app=app, model=name, pk=pk)
            )
    return routes


def resolver_routes() -> set[str]:
    """Every URL pattern of the project, spelled as the concatenation of its patterns."""
    routes: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                routes.add(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return routes


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        path = urlparse(response["Location"]).path
        if path == "/accounts/login/":
            return "login"
        if path == "/admin/login/":
            return "admin-login"
        return "302"
    return str(response.status_code)


# Django serves uploads itself only with DEBUG on: a file that is not there is a 404 either way.
UPLOADS_TABLE: dict[str, list[Case]] = {
    "media/<path:path>": single("/media/no-such-file.png", everyone("404"), everyone("405")),
}


def all_cases(world) -> dict[str, list[Case]]:
    return {**TABLE, **ADMIN_TABLE, **admin_routes(), **UPLOADS_TABLE}


def request_as(client, persona: str, method: str, url: str):
    if persona != "anonymous" and "_auth_user_id" not in client.session:
        # An earlier row signed this persona out (sign-out ends every session): sign in again.
        client.user.refresh_from_db()
        client.force_login(client.user)
    return client.get(url) if method == "GET" else client.post(url, {})


def test_every_url_is_in_the_table(world):
    table = all_cases(world)
    routes = resolver_routes()
    missing = sorted(routes - table.keys())
    stale = sorted(table.keys() - routes)
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(persona, request, world):
    client = request.getfixturevalue(persona)
    mismatches = []
    for route, cases in all_cases(world).items():
        for case in cases:
            url = case.url.format(**world)
            for method in ("GET", "POST"):
                actual = outcome(request_as(client, persona, method, url))
                expected = case.expected(method, persona)
                if actual not in ACCEPTABLE.get(expected, {expected}):
                    mismatches.append(
                        f"{method} {url} [{route}]: expected {expected}, got {actual}"
                    )
    assert not mismatches, "\n".join(mismatches)
