"""People's models: the seeded vocabularies, names, and when a role is current or past."""

import datetime

import pytest
from django.utils import timezone

from people.models import Person, RoleAssignment, RoleType, Specialism
from tests.factories import PersonFactory, RoleAssignmentFactory

SEEDED_ROLES = {
    "specialist-leader-of-education": "Specialist Leader of Education",
    "nationallocal-leader-of-education": "National/Local Leader of Education",
    "ittscitt-mentor": "ITT/SCITT mentor",
    "teacher-trainer": "Teacher trainer",
    "school-business-manager": "School Business Manager",
    "maths-mastery-specialist": "Maths mastery specialist",
    "headteacher": "Headteacher",
    "deputy-headteacher": "Deputy headteacher",
    "senco": "SENCo",
    "designated-safeguarding-lead": "Designated safeguarding lead",
    "head-of-early-years": "Head of early years",
    "network-chair": "Network chair",
}


def test_the_migration_seeds_the_roles_the_alliances_name(db):
    seeded = dict(RoleType.objects.filter(slug__in=SEEDED_ROLES).values_list("slug", "name"))
    assert seeded == SEEDED_ROLES
    assert RoleType.objects.get(slug="specialist-leader-of-education").is_system_leader
    assert not RoleType.objects.get(slug="senco").is_system_leader


def test_the_migration_seeds_common_specialisms(db):
    slugs = set(Specialism.objects.values_list("slug", flat=True))
    assert {"maths", "send", "early-years", "reading-and-phonics", "safeguarding"} <= slugs


def test_an_admin_added_role_type_is_offered_in_the_directory(admin):
    response = admin.post(
        "/admin/people/roletype/add/",
        {"name": "Attendance lead", "abbreviation": "", "slug": "attendance-lead", "ordering": 5},
    )
    assert response.status_code == 302
    html = admin.get("/people/").content.decode()
    assert '<option value="attendance-lead">Attendance lead</option>' in html


def test_display_name_prefers_the_preferred_name(db):
    person = PersonFactory(first_name="Margaret", preferred_name="Peggy", last_name="Hill")
    assert person.display_name == "Peggy Hill"


@pytest.mark.parametrize(
    ("first", "preferred", "last", "shown"),
    [("", "", "", "Unnamed person"), ("  ", " ", "", "Unnamed person"), ("", "Jo", "", "Jo")],
)
def test_display_name_is_never_empty(first, preferred, last, shown):
    """Links, headings and titles all show display_name: an empty one is an invisible link."""
    person = Person(first_name=first, preferred_name=preferred, last_name=last)
    assert person.display_name == shown
    assert str(person) == shown


def test_display_name_of_an_erased_person_names_no_one():
    person = Person(first_name="Former member of staff", erased_at=timezone.now())
    assert person.display_name == "Former member of staff"


def test_a_role_ends_on_its_end_date(db):
    today = timezone.localdate()
    person = PersonFactory()
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    ongoing = RoleAssignmentFactory(person=person, role_type=sle)
    ends_today = RoleAssignmentFactory(person=person, role_type=sle, ends_on=today)
    ends_tomorrow = RoleAssignmentFactory(
        person=person, role_type=sle, ends_on=today + datetime.timedelta(days=1)
    )
    starts_later = RoleAssignmentFactory(
        person=person, role_type=sle, starts_on=today + datetime.timedelta(days=1)
    )
    assert set(RoleAssignment.objects.current()) == {ongoing, ends_tomorrow}
    assert set(RoleAssignment.objects.past()) == {ends_today}
    assert ongoing.is_current and ends_tomorrow.is_current
    assert not ends_today.is_current and not starts_later.is_current
    assert starts_later.is_upcoming


def test_running_the_seed_again_changes_nothing(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("people.migrations.0004_seed_vocabularies")
    RoleType.objects.filter(slug="specialist-leader-of-education").update(
        name="SLE (renamed by an admin)"
    )
    before = (RoleType.objects.count(), Specialism.objects.count())
    migration.seed(apps, None)
    assert (RoleType.objects.count(), Specialism.objects.count()) == before
    assert (
        RoleType.objects.get(slug="specialist-leader-of-education").name
        == "SLE (renamed by an admin)"
    )


def test_a_factory_asking_for_a_seeded_role_by_name_gets_the_seeded_row(db):
    from tests.factories import RoleTypeFactory

    seeded = RoleType.objects.get(name="Specialist Leader of Education")
    assert RoleTypeFactory(name="Specialist Leader of Education") == seeded
    assert RoleTypeFactory(name="SENCo") == RoleType.objects.get(slug="senco")
