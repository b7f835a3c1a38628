"""Every list page links its CSV export, the link keeps the list's filters, and the file holds
the rows the page lists: schools, people, partnerships with members, groups with members,
events, registrations, support requests and resources."""

import csv
import io
import re
from html import unescape

import pytest

from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PersonFactory,
    RegistrationFactory,
    ResourceFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

DOWNLOAD = re.compile(r'<a href="([^"]+)" download>([^<]+)</a>')


def downloads(client, url: str) -> dict[str, str]:
    """The page's download links, by their text."""
    response = client.get(url)
    assert response.status_code == 200
    return {text: unescape(href) for href, text in DOWNLOAD.findall(response.content.decode())}


def csv_rows(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def cells(rows: list[list[str]]) -> set[str]:
    return {cell for row in rows[1:] for cell in row}


def test_school_and_people_directories(anonymous, staff, school):
    [url] = downloads(anonymous, "/schools/?q=Abbeyfield").values()
    assert "q=Abbeyfield" in url
    assert school.name in cells(csv_rows(anonymous, url))
    [url] = downloads(staff, "/people/").values()
    assert staff.person.display_name in cells(csv_rows(staff, url))


def test_partnerships_list_links_members_and_groups(staff, anonymous, partnership, school):
    NetworkGroupFactory(partnership=partnership, name="Maths network").members.add(staff.person)
    links = downloads(staff, "/partnerships/")
    members = csv_rows(staff, links["Download every partnership's member schools as CSV"])
    assert ["Testbridge Alliance", school.name, school.urn] in [row[:3] for row in members]
    groups = csv_rows(staff, links["Download every network group and its members as CSV"])
    assert groups[1][:2] == ["Testbridge Alliance", "Maths network"]
    assert staff.person.display_name in cells(groups)
    assert downloads(anonymous, "/partnerships/") == {}  # members' names: signed in only


def test_partnership_page_exports_only_that_partnership(chair, partnership, school):
    other = NetworkGroupFactory(name="Elsewhere network")
    links = downloads(chair, partnership.get_absolute_url())
    members = csv_rows(chair, links["Download the member schools as CSV"])
    assert [row[:2] for row in members[1:]] == [["Testbridge Alliance", school.name]]
    groups = csv_rows(chair, links["Download the network groups and their members as CSV"])
    assert [row[1] for row in groups[1:]] == ["SEND network"]
    assert groups[1][4:] == [chair.person.display_name, school.name, "yes"]
    assert other.name not in cells(groups)


def test_events_list_export_keeps_the_filters(staff):
    EventFactory(title="Writing conference", kind="conference")
    EventFactory(title="Maths network meeting", kind="network_meeting")
    [url] = downloads(staff, "/events/?kind=conference").values()
    assert [row[0] for row in csv_rows(staff, url)[1:]] == ["Writing conference"]


def test_registrations_page(admin):
    registration = RegistrationFactory(person=PersonFactory(first_name="Ada", last_name="Quill"))
    links = downloads(admin, f"/events/{registration.event.pk}/registrations/")
    # Beside it, the venue's list of who chose each session (tests/feedback).
    url = links["Download the registrations as CSV"]
    assert "Ada Quill" in cells(csv_rows(admin, url))


def test_support_requests(head, school, other_school):
    SupportRequestFactory(school=school, needs="Phonics in Reception")
    SupportRequestFactory(school=other_school, needs="Someone else's request")
    [url] = downloads(head, "/support/").values()
    found = cells(csv_rows(head, url))
    assert "Phonics in Reception" in found and "Someone else's request" not in found


def test_resources_export_keeps_the_filters(staff):
    ResourceFactory(title="Fractions on a number line")
    ResourceFactory(title="Phonics phase 3 games")
    [url] = downloads(staff, "/resources/?q=fractions").values()
    assert [row[0] for row in csv_rows(staff, url)[1:]] == ["Fractions on a number line"]
