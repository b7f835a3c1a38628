"""The security log records exports (CSV and vCards), role changes and membership changes,
each with who did it and what it was about."""

from __future__ import annotations

import datetime

import pytest

from accounts.models import SecurityEvent
from people.models import RoleType
from tests.factories import (
    DeploymentFactory,
    EventFactory,
    PersonFactory,
    RegistrationFactory,
    RoleAssignmentFactory,
)
from tests.schools.helpers import edit_data


def only_event(kind: str) -> SecurityEvent:
    events = list(SecurityEvent.objects.filter(kind=kind))
    assert len(events) == 1, events
    return events[0]


# Exports ------------------------------------------------------------------------------------


def test_school_export_is_logged_with_its_filters(staff, school):
    response = staff.get("/schools/export.csv", {"phase": "primary"})
    b"".join(response.streaming_content)
    event = only_event("export")
    assert event.user == staff.user
    assert event.path == "/schools/export.csv"
    assert event.details == {"what": "schools", "query": "phase=primary"}


def test_people_export_is_logged(staff):
    b"".join(staff.get("/people/export.csv").streaming_content)
    event = only_event("export")
    assert (event.user, event.details["what"]) == (staff.user, "people")


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/registers/export/people.csv", "people"),
        ("/registers/export/memberships.csv?partnership=testbridge-alliance", "memberships"),
        ("/registers/export/network-groups.csv", "network groups"),
    ],
)
def test_the_register_exports_that_name_people_are_logged(staff, partnership, path, what):
    b"".join(staff.get(path).streaming_content)
    event = only_event("export")
    assert event.user == staff.user
    assert event.details["what"] == what
    assert event.details["query"] == path.partition("?")[2]


def test_vcard_download_is_logged_with_the_person(staff, school):
    colleague = PersonFactory(school=school)
    assert staff.get(f"/people/{colleague.pk}/vcard.vcf").status_code == 200
    event = only_event("export")
    assert event.details == {"what": "vcard", "person": colleague.pk}


def test_registration_export_is_logged_with_the_event(coordinator, partnership):
    event = EventFactory(partnership=partnership)
    RegistrationFactory(event=event)
    response = coordinator.get(f"/events/{event.pk}/registrations.csv")
    b"".join(response.streaming_content)
    logged = only_event("export")
    assert (logged.user, logged.details) == (
        coordinator.user,
        {"what": "registrations", "event": event.pk},
    )


def test_support_report_export_is_logged(coordinator, partnership, school):
    DeploymentFactory(partnership=partnership, supported_school=school)
    response = coordinator.get(f"/support/partnerships/{partnership.slug}/report.csv")
    b"".join(response.streaming_content)
    event = only_event("export")
    assert event.details == {"what": "support report", "partnership": partnership.pk}


def test_a_refused_export_is_not_logged_as_an_export(outsider, partnership):
    response = outsider.get(f"/support/partnerships/{partnership.slug}/report.csv")
    assert response.status_code == 403
    assert not SecurityEvent.objects.filter(kind="export").exists()


# Roles and memberships ----------------------------------------------------------------------


def test_giving_a_role_is_logged(head, school):
    colleague = PersonFactory(school=school)
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    head.post(
        f"/people/{colleague.pk}/roles/add/", {"role_type": sle.pk, "starts_on": "2024-09-01"}
    )
    event = only_event("role_changed")
    role = colleague.role_assignments.get()
    assert event.user == head.user
    assert event.details == {"person": colleague.pk, "role": role.pk, "change": "added"}


def test_ending_a_role_is_logged(head, school):
    colleague = PersonFactory(school=school)
    role = RoleAssignmentFactory(person=colleague)
    today = datetime.date.today().isoformat()
    response = head.post(f"/people/{colleague.pk}/roles/{role.pk}/end/", {"ends_on": today})
    assert response.status_code == 302
    event = only_event("role_changed")
    assert event.details == {"person": colleague.pk, "role": role.pk, "change": "ended"}


def test_a_refused_role_change_is_not_logged_as_one(staff, school):
    colleague = PersonFactory(school=school)
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    response = staff.post(
        f"/people/{colleague.pk}/roles/add/", {"role_type": sle.pk, "starts_on": "2024-09-01"}
    )
    assert response.status_code == 403
    assert not SecurityEvent.objects.filter(kind="role_changed").exists()


def test_appointing_school_editors_is_logged(head, school):
    teacher = PersonFactory(school=school)
    response = head.post(f"/schools/{school.slug}/edit/", edit_data(school, editors=[teacher.pk]))
    assert response.status_code == 302
    event = only_event("role_changed")
    assert event.details == {"school": school.pk, "changed": ["editors"]}


def test_editing_only_the_school_profile_logs_no_role_change(editor, school):
    response = editor.post(
        f"/schools/{school.slug}/edit/", edit_data(school, manage=False, ethos="Kind.")
    )
    assert response.status_code == 302
    assert not SecurityEvent.objects.filter(kind="role_changed").exists()


def test_adding_a_member_school_is_logged(coordinator, partnership, other_school):
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/members/add/",
        {"school": other_school.pk, "role": "member", "joined_on": "2024-09-01", "left_on": ""},
    )
    assert response.status_code == 302
    event = only_event("membership_changed")
    membership = partnership.memberships.get(school=other_school)
    assert event.user == coordinator.user
    assert event.details == {
        "membership": membership.pk,
        "partnership": partnership.pk,
        "school": other_school.pk,
        "coordinator": None,
        "change": "added",
    }


def test_changing_a_membership_s_coordinator_is_logged(coordinator, partnership, school):
    membership = partnership.memberships.get(school=school)
    deputy = PersonFactory(school=school)
    coordinator.post(
        f"/partnerships/{partnership.slug}/members/{membership.pk}/edit/",
        {"role": "member", "coordinator": deputy.pk, "joined_on": "2020-09-01", "left_on": ""},
    )
    event = only_event("membership_changed")
    assert (event.details["coordinator"], event.details["change"]) == (deputy.pk, "changed")


def test_ending_a_membership_is_logged(coordinator, partnership, school):
    membership = partnership.memberships.get(school=school)
    today = datetime.date.today().isoformat()
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/members/{membership.pk}/end/", {"left_on": today}
    )
    assert response.status_code == 302
    assert only_event("membership_changed").details["change"] == "ended"


def test_an_invalid_membership_form_logs_nothing(coordinator, partnership, school):
    membership = partnership.memberships.get(school=school)
    coordinator.post(f"/partnerships/{partnership.slug}/members/{membership.pk}/end/", {})
    assert not SecurityEvent.objects.filter(kind="membership_changed").exists()
