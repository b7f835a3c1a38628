"""The links file: successors inherit their predecessor's memberships and a history link."""

import datetime
import io

import pytest
from django.core.management import call_command

from partnerships.models import Membership
from registers.importer import import_register
from registers.links import import_links
from registers.models import RegisterLink
from schools.models import School
from tests.factories import MembershipFactory, PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def converted(sample_text):
    """Elmridge School (990104, closed) was succeeded by Elmridge Academy (990005)."""
    import_register(text=sample_text(), dry_run=False)
    predecessor = School.objects.get(urn="990104")
    partnership = PartnershipFactory(name="Eastbridge Alliance", slug="eastbridge-alliance")
    coordinator = PersonFactory(school=predecessor)
    MembershipFactory(
        school=predecessor,
        partnership=partnership,
        coordinator=coordinator,
        joined_on=datetime.date(2015, 9, 1),
    )
    return predecessor, School.objects.get(urn="990005"), partnership


def test_successor_inherits_membership_and_both_pages_get_a_history_link(converted, links_text):
    predecessor, successor, partnership = converted
    report = import_links(text=links_text(), dry_run=False)
    inherited = Membership.objects.get(school=successor, partnership=partnership)
    assert inherited.joined_on == datetime.date(2019, 9, 1)
    assert inherited.coordinator == predecessor.memberships.get().coordinator
    old = predecessor.memberships.get()
    assert old.left_on == datetime.date(2019, 8, 31)  # the predecessor closed
    link = RegisterLink.objects.get()
    assert (link.predecessor, link.successor) == (predecessor, successor)
    assert report.links_created == 1 and report.memberships_inherited == 1


def test_links_file_twice_changes_nothing(converted, links_text):
    import_links(text=links_text(), dry_run=False)
    report = import_links(text=links_text(), dry_run=False)
    assert report.links_created == 0 and report.memberships_inherited == 0
    assert Membership.objects.count() == 2 and RegisterLink.objects.count() == 1


def test_links_dry_run_writes_nothing(converted, links_text):
    report = import_links(text=links_text(), dry_run=True)
    assert report.memberships_inherited == 1
    assert not RegisterLink.objects.exists() and Membership.objects.count() == 1


def test_links_to_schools_not_in_the_portal_are_kept_and_reported(tmp_path):
    links = tmp_path / "links.csv"
    links.write_text("URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n"
                     "990300,990301,New School,Successor,01-09-2020\n")  # fmt: skip
    out = io.StringIO()
    call_command("import_gias_links", str(links), stdout=out)
    assert "not in the portal" in out.getvalue()
    assert RegisterLink.objects.filter(predecessor_urn="990300", successor_urn="990301").exists()
