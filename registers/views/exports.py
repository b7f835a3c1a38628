"""CSV exports (UTF-8 with BOM, formula cells neutralised by alliance.lib.csv).

Each export shows what its user may see: schools and events as their pages do, people only to
signed-in users and their contacts only where people.rules.can_see_contacts allows, network
groups, support requests and resources as their lists do. Each list page links its export, and
each costs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from events.filters import EventFilter
from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import Person
from people.rules import can_see_contacts
from resources.forms import ResourceFilter
from resources.models import Resource
from schools.models import School
from support.models import SupportRequest

SCHOOL_COLUMNS = [
    ("URN", "urn"),
    ("LAESTAB", "laestab"),
    ("Name", "name"),
    ("Phase", "get_phase_display"),
    ("Type", "get_establishment_type_display"),
    ("Status", "get_status_display"),
    ("Street", "address_line1"),
    ("Locality", "address_line2"),
    ("Address 3", "address_line3"),
    ("Town", "town"),
    ("Local authority", "local_authority"),
    ("Postcode", "postcode"),
    ("Telephone", "telephone"),
    ("E-mail", "email"),
    ("Website", "website"),
    ("Age range", "age_range"),
    ("Pupils", "pupils_on_roll"),
    ("Capacity", "capacity"),
    ("FSM %", "fsm_percent"),
    ("Ofsted outcome as published", "ofsted_outcome"),
    ("Last inspected", "ofsted_inspection_date"),
    ("Latitude", "latitude"),
    ("Longitude", "longitude"),
]


def _value(obj, name: str):
    value = getattr(obj, name)
    return value() if callable(value) else value


def _stamp(name: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}.csv"


def _logged(request: HttpRequest, what: str) -> None:
    """An export that names people is a security event, as the directory's exports are."""
    security_log(
        kind="export", user=request.user, request=request, what=what, query=request.GET.urlencode()
    )


def _in_partnership(request: HttpRequest, partnerships):
    """The partnerships the user may see, narrowed to one by `?partnership=<slug>` (a slug
    that names none the user may see gives an empty file, as the page would give a 404)."""
    slug = request.GET.get("partnership")
    return partnerships.filter(slug=slug) if slug else partnerships


@require_GET
def schools_csv(request: HttpRequest) -> HttpResponse:
    """Every school the user may see (the public: published ones). One query."""
    schools = School.objects.visible_to(request.user).order_by("name")
    rows = ([_value(s, name) for _label, name in SCHOOL_COLUMNS] for s in schools)
    return csv_response(
        filename=_stamp("schools"), header=[label for label, _ in SCHOOL_COLUMNS], rows=rows
    )


@login_required
@require_GET
def people_csv(request: HttpRequest) -> HttpResponse:
    """The people directory; e-mail and telephone only where the person allows this user."""
    _logged(request, "people")
    header = ["First name", "Last name", "Job title", "School", "Organisation", "Roles"]
    header += ["E-mail", "Telephone"]

    def rows():
        for person in Person.objects.for_directory():
            contacts = can_see_contacts(request.user, person)
            yield [
                person.preferred_name or person.first_name,
                person.last_name,
                person.job_title,
                person.school.name if person.school else "",
                person.organisation.name if person.organisation else "",
                "; ".join(str(role) for role in person.current_roles),
                person.email if contacts else "",
                person.telephone if contacts and person.telephone else "",
            ]

    return csv_response(filename=_stamp("people"), header=header, rows=rows())


@login_required
@require_GET
def memberships_csv(request: HttpRequest) -> HttpResponse:
    """Schools in partnerships the user may see (or the one `?partnership=` names), with roles
    and dates."""
    _logged(request, "memberships")
    partnerships = _in_partnership(request, Partnership.objects.visible_to(request.user))
    memberships = (
        Membership.objects.filter(partnership__in=partnerships)
        .select_related("school", "partnership", "coordinator")
        .order_by("partnership__name", "school__name")
    )
    header = ["Partnership", "School", "URN", "Role", "Joined", "Left", "Hosts meetings"]
    header.append("Coordinator")
    rows = (
        [
            m.partnership.name,
            m.school.name,
            m.school.urn,
            m.get_role_display(),
            m.joined_on or "",
            m.left_on or "",
            "yes" if m.hosts_meetings else "no",
            m.coordinator.display_name if m.coordinator else "",
        ]
        for m in memberships
    )
    return csv_response(filename=_stamp("memberships"), header=header, rows=rows)


@login_required
@require_GET
def groups_csv(request: HttpRequest) -> HttpResponse:
    """Network groups the user may see (or those of the partnership `?partnership=` names), one
    row per member, chair first; a group without members still has its row. Two queries."""
    _logged(request, "network groups")
    partnerships = _in_partnership(request, Partnership.objects.visible_to(request.user))
    groups = (
        NetworkGroup.objects.visible_to(request.user)
        .filter(partnership__in=partnerships)
        .select_related("partnership", "chair__school")
        .prefetch_related(Prefetch("members", Person.objects.select_related("school")))
        .order_by("partnership__name", "name")
    )
    header = ["Partnership", "Group", "Focus", "Meets", "Member", "School", "Chair"]

    def rows():
        for group in groups:
            members = sorted(group.members.all(), key=lambda p: p != group.chair)
            if group.chair and group.chair not in members:
                members.insert(0, group.chair)
            first = [group.partnership.name, group.name]
            first += [group.get_focus_display(), group.get_cadence_display()]
            for person in members or [None]:
                yield first + [
                    person.display_name if person else "",
                    person.school.name if person and person.school else "",
                    "yes" if person and person == group.chair else "",
                ]

    return csv_response(filename=_stamp("network-groups"), header=header, rows=rows())


@require_GET
def events_csv(request: HttpRequest) -> HttpResponse:
    """Events the user may see in the event list's filters (partnership, group, kind, dates;
    past events too), in date order. One query, two when a filter names a partnership."""
    filterset = EventFilter(
        request.GET, queryset=Event.objects.visible_to(request.user), request=request
    )
    events = filterset.qs.select_related("partnership", "network_group", "host_school")
    events = events.order_by("starts_at")
    header = ["Title", "Kind", "Starts", "Ends", "Partnership", "Group", "Host school", "Venue"]
    rows = (
        [
            e.title,
            e.get_kind_display(),
            timezone.localtime(e.starts_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(e.ends_at).strftime("%Y-%m-%d %H:%M"),
            e.partnership.name if e.partnership else "",
            e.network_group.name if e.network_group else "",
            e.host_school.name if e.host_school else "",
            e.venue,
        ]
        for e in events
    )
    return csv_response(filename=_stamp("events"), header=header, rows=rows)


@login_required
@require_GET
def support_requests_csv(request: HttpRequest) -> HttpResponse:
    """Every support request the user may see, open and closed, newest first. One query."""
    requests = SupportRequest.objects.visible_to(request.user).for_list()
    header = ["School", "URN", "Specialism", "What the school needs", "Wanted from"]
    header += ["Wanted until", "Status", "Asked on", "Deployments"]
    rows = (
        [
            r.school.name,
            r.school.urn,
            r.specialism.name if r.specialism else "",
            r.needs,
            r.wanted_from,
            r.wanted_until or "",
            r.get_status_display(),
            timezone.localtime(r.created_at).date(),
            r.deployment_count,
        ]
        for r in requests
    )
    return csv_response(filename=_stamp("support-requests"), header=header, rows=rows)


@login_required
@require_GET
def resources_csv(request: HttpRequest) -> HttpResponse:
    """The resources the user may see in the resource list's filters. Two queries (the rows,
    their tags)."""
    filterset = ResourceFilter(
        request.GET, queryset=Resource.objects.visible_to(request.user), request=request
    )
    header = ["Title", "Summary", "Specialism", "Phase", "Key stage", "Tags", "From school"]
    header += ["Shared with", "Used by", "Added on", "Link"]
    rows = (
        [
            r.title,
            r.summary,
            r.specialism.name if r.specialism else "",
            r.get_phase_display(),
            r.get_key_stage_display(),
            "; ".join(tag.name for tag in r.tags.all()),
            r.source_school.name if r.source_school else "",
            r.partnership.name if r.partnership else r.get_sharing_display(),
            r.use_count,
            timezone.localtime(r.created_at).date(),
            request.build_absolute_uri(r.get_absolute_url()),
        ]
        for r in filterset.qs.for_list()
    )
    return csv_response(filename=_stamp("resources"), header=header, rows=rows)
