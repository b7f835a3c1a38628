"""For each role, list pages, search results and exports contain exactly the objects whose
detail pages that role may open (and, in exports, contact details only where
people.rules.can_see_contacts allows). The objects are the permission matrix's `world`:
published and unpublished rows, another school's private ones, and people with each choice of
who sees their contacts."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import Event
from partnerships.models import NetworkGroup, PartnerOrganisation, Partnership
from people.models import Person
from people.rules import can_see_contacts
from resources.models import Resource
from schools.models import School
from search.models import Kind
from support.models import Deployment

PERSONAS = ["anonymous", "staff", "head", "editor", "coordinator", "chair", "outsider", "admin"]

LISTS = {
    # list page -> the objects it is about (events: the upcoming ones it lists)
    "/schools/": lambda: School.objects.all(),
    "/partnerships/": lambda: Partnership.objects.all(),
    "/events/": lambda: Event.objects.upcoming(),
    "/people/": lambda: Person.objects.active(),
    "/resources/": lambda: Resource.objects.all(),
}

# Members-only lists: the public is sent to sign in and sees nothing.
MEMBERS_ONLY = {"/people/", "/resources/"}


def opens(client, url: str) -> bool:
    return client.get(url).status_code == 200


def user_of(client):
    return getattr(client, "user", None) or AnonymousUser()


def csv_rows(response) -> list[dict[str, str]]:
    if response.status_code != 200:
        return []
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_exactly_the_objects_whose_pages_the_persona_may_open(persona, request, world):
    client = request.getfixturevalue(persona)
    for list_url, objects in LISTS.items():
        response = client.get(list_url)
        html = response.content.decode() if response.status_code == 200 else ""
        listed, openable = set(), set()
        for obj in objects():
            url = obj.get_absolute_url()
            if f'href="{url}"' in html:
                listed.add(url)
            if opens(client, url):
                openable.add(url)
        assert listed == openable, f"{persona} on {list_url}"
        if not (persona == "anonymous" and list_url in MEMBERS_ONLY):
            assert openable, f"{persona} on {list_url}: the test saw no objects"


SEARCHABLE = {
    Kind.SCHOOL: lambda: School.objects.all(),
    Kind.PERSON: lambda: Person.objects.active(),
    Kind.PARTNERSHIP: lambda: Partnership.objects.all(),
    Kind.GROUP: lambda: NetworkGroup.objects.select_related("partnership"),
    Kind.EVENT: lambda: Event.objects.all(),
    Kind.ORGANISATION: lambda: PartnerOrganisation.objects.all(),
}


def search_title(obj) -> str:
    return obj.display_name if isinstance(obj, Person) else str(obj)


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_finds_exactly_the_objects_whose_pages_the_persona_may_open(
    persona, request, world, settings
):
    """Each object searched for by its own name: found iff its page opens. (Two objects can
    share a name: the visitor's second search would come from the public page cache, with no
    context to read the results from.)"""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client = request.getfixturevalue(persona)
    mismatches, found_any = [], False
    for kind, objects in SEARCHABLE.items():
        for obj in objects():
            url = obj.get_absolute_url()
            response = client.get("/search/", {"q": search_title(obj), "kind": kind})
            found = url in {doc.url for doc in response.context["results"].documents}
            found_any |= found
            if found != opens(client, url):
                mismatches.append(f"{kind} {search_title(obj)!r}: found={found}")
    assert not mismatches, f"{persona}: " + "; ".join(mismatches)
    assert found_any


@pytest.mark.parametrize("persona", PERSONAS)
def test_school_export_holds_exactly_the_schools_whose_pages_the_persona_may_open(
    persona, request, world
):
    client = request.getfixturevalue(persona)
    exported = {row["URN"] for row in csv_rows(client.get("/schools/export.csv"))}
    openable = {s.urn for s in School.objects.all() if opens(client, s.get_absolute_url())}
    assert exported == openable
    assert world["hidden_school"].urn in exported or persona == "anonymous"


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_export_holds_the_people_the_persona_may_open_with_contacts_as_allowed(
    persona, request, world
):
    client = request.getfixturevalue(persona)
    user = user_of(client)
    exported = Counter(
        (row["Name"], row["E-mail"]) for row in csv_rows(client.get("/people/export.csv"))
    )
    expected = Counter(
        (p.display_name, p.email if can_see_contacts(user, p) else "")
        for p in Person.objects.active()
        if opens(client, p.get_absolute_url())
    )
    assert exported == expected
    if persona != "anonymous":
        assert any(email for _, email in exported), "no contact shown at all"
        assert any(not email for _, email in exported) or persona == "admin"


@pytest.mark.parametrize("persona", PERSONAS)
def test_registration_export_lists_the_event_s_people_with_contacts_as_allowed(
    persona, request, world
):
    """Only the event's organisers export it; they get every registration, e-mails only
    where the person lets them see it."""
    client = request.getfixturevalue(persona)
    event = world["event"]
    response = client.get(f"/events/{event.pk}/registrations.csv")
    exported = Counter((row["Name"], row["E-mail"]) for row in csv_rows(response))
    if persona in ("coordinator", "admin"):
        user = user_of(client)
        expected = Counter(
            (r.person.display_name, r.person.email if can_see_contacts(user, r.person) else "")
            for r in event.registrations.select_related("person")
        )
        assert exported == expected
        assert sum(exported.values()) == 4
    else:
        assert response.status_code in (302, 403)
        assert not exported


@pytest.mark.parametrize("persona", PERSONAS)
def test_support_report_export_holds_exactly_the_deployments_the_persona_may_open(
    persona, request, world
):
    client = request.getfixturevalue(persona)
    for partnership in (world["partnership"], world["far_partnership"]):
        url = f"/support/partnerships/{partnership.slug}/report.csv"
        exported = {row["Focus"] for row in csv_rows(client.get(url))}
        if not exported:
            continue
        openable = {
            d.focus
            for d in Deployment.objects.filter(partnership=partnership)
            if opens(client, d.get_absolute_url())
        }
        assert exported == openable, f"{persona} on {url}"
    if persona in ("coordinator", "admin"):
        rows = csv_rows(client.get(f"/support/partnerships/{world['partnership'].slug}/report.csv"))
        assert {row["Focus"] for row in rows} == {world["deployment"].focus}


@pytest.mark.parametrize("persona", PERSONAS)
def test_school_pages_list_exactly_their_current_staff_whose_pages_the_persona_may_open(
    persona, request, world
):
    """A school page's "current staff" links the people whose current post is there, and only
    those the persona may open (none for the public)."""
    client = request.getfixturevalue(persona)
    for school in School.objects.all():
        response = client.get(school.get_absolute_url())
        if response.status_code != 200:
            continue
        html = response.content.decode()
        section = html[html.index('id="staff"') :]
        for person in Person.objects.active():
            url = person.get_absolute_url()
            shown = f'href="{url}"' in section.split("</section>")[0]
            works_here = person.posts.current().filter(school=school).exists()
            assert shown == (works_here and opens(client, url)), f"{persona}: {person} at {school}"
