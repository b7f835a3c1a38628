"""Forms ignore fields the user may not set: posting a school, `is_staff`, a role, an author
or an owner changes nothing. Each test posts a valid form plus the forbidden fields and
checks the save went through while the forbidden fields kept their values. (The school edit
form's own version of this is tests/schools/test_views_edit.py::
test_editor_cannot_change_headteacher_editors_publishing_or_slug.)"""

from __future__ import annotations

import datetime

from events.models import Event
from partnerships.models import Cadence
from people.models import ContactVisibility, RoleAssignment, RoleType
from resources.models import Resource
from support.models import RequestStatus, SupportRequest
from tests.events.test_views_edit import form_for
from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
    SpecialismFactory,
)
from tests.people.test_views_edit import form_data
from tests.resources.test_views_edit import data as resource_data
from tests.support.test_views_requests import request_data

STAFF_FLAGS = {"is_staff": "on", "is_superuser": "on", "is_active": "on"}


def test_posting_is_staff_on_my_profile_does_not_make_me_an_admin(staff):
    response = staff.post(
        f"/people/{staff.person.pk}/edit/",
        form_data(staff.person, job_title="Year 6 teacher", **STAFF_FLAGS),
    )
    assert response.status_code == 302
    staff.user.refresh_from_db()
    staff.person.refresh_from_db()
    assert staff.person.job_title == "Year 6 teacher"
    assert not staff.user.is_staff and not staff.user.is_superuser
    assert not staff.user.is_alliance_admin


def test_head_editing_a_colleague_cannot_set_their_contact_choice_user_or_school(
    head, school, other_school, outsider
):
    colleague = PersonFactory(school=school, contact_visibility=ContactVisibility.ADMINS)
    response = head.post(
        f"/people/{colleague.pk}/edit/",
        form_data(
            colleague,
            job_title="Maths lead",
            contact_visibility=ContactVisibility.ALLIANCE,
            user=outsider.user.pk,
            school=other_school.pk,
            erased_at="2020-01-01T00:00",
            **STAFF_FLAGS,
        ),
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.job_title == "Maths lead"
    assert colleague.contact_visibility == ContactVisibility.ADMINS
    assert colleague.user_id is None
    assert colleague.school == school
    assert colleague.erased_at is None
    outsider.user.refresh_from_db()
    assert not outsider.user.is_staff


def test_giving_a_role_cannot_give_it_to_someone_else(head, school, outsider):
    colleague = PersonFactory(school=school)
    sle = RoleType.objects.get(slug="specialist-leader-of-education")
    response = head.post(
        f"/people/{colleague.pk}/roles/add/",
        {"role_type": sle.pk, "starts_on": "2024-09-01", "person": outsider.person.pk},
    )
    assert response.status_code == 302
    assert list(RoleAssignment.objects.values_list("person", flat=True)) == [colleague.pk]


def test_editing_an_event_cannot_change_who_created_it(coordinator, partnership, outsider):
    event = EventFactory(partnership=partnership, created_by=coordinator.user)
    response = coordinator.post(
        f"/events/{event.pk}/edit/",
        form_for(partnership, title="Renamed meeting", created_by=outsider.user.pk),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed meeting"
    assert event.created_by == coordinator.user


def test_creating_an_event_records_the_creator_not_the_posted_one(
    coordinator, partnership, outsider
):
    coordinator.post("/events/new/", form_for(partnership, created_by=outsider.user.pk))
    assert Event.objects.get(title="Spring moderation").created_by == coordinator.user


def test_asking_for_support_cannot_set_the_asker_or_the_status(head, school, outsider):
    maths = SpecialismFactory(name="Maths", slug="maths")
    response = head.post(
        "/support/requests/new/",
        request_data(school, maths, requested_by=outsider.person.pk, status=RequestStatus.CLOSED),
    )
    assert response.status_code == 302
    support_request = SupportRequest.objects.get()
    assert support_request.requested_by == head.person
    assert support_request.status == RequestStatus.OPEN


def test_sharing_a_resource_cannot_name_another_author(staff, school, outsider):
    response = staff.post(
        "/resources/new/",
        resource_data(school, url="https://lessons.example.org/x", author=outsider.person.pk),
    )
    assert response.status_code == 302
    assert Resource.objects.get().author == staff.person


def test_editing_a_membership_cannot_move_it_to_another_school_or_partnership(
    coordinator, partnership, school, other_school
):
    membership = partnership.memberships.get(school=school)
    elsewhere = PartnershipFactory()
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/members/{membership.pk}/edit/",
        {
            "role": "lead",
            "coordinator": coordinator.person.pk,
            "joined_on": "2019-09-01",
            "left_on": "",
            "school": other_school.pk,
            "partnership": elsewhere.pk,
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.joined_on == datetime.date(2019, 9, 1)
    assert (membership.school, membership.partnership) == (school, partnership)


def test_a_chair_editing_their_group_cannot_change_its_chair_name_or_partnership(
    chair, partnership, outsider
):
    group = chair.group
    elsewhere = PartnershipFactory()
    response = chair.post(
        f"/partnerships/{partnership.slug}/groups/{group.slug}/edit/",
        {
            "description": "SENCos of every school.",
            "cadence": Cadence.HALF_TERMLY,
            "members": [],
            "chair": outsider.person.pk,
            "name": "Taken over",
            "slug": "taken-over",
            "partnership": elsewhere.pk,
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.description == "SENCos of every school."
    assert (group.chair, group.name, group.slug) == (chair.person, "SEND network", "send-network")
    assert group.partnership == partnership


def test_a_coordinator_editing_the_partnership_page_cannot_rename_or_unpublish_it(
    coordinator, partnership
):
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/edit/",
        {
            "description": "Eight schools working together.",
            "aims-TOTAL_FORMS": "0",
            "aims-INITIAL_FORMS": "0",
            "commitments-TOTAL_FORMS": "0",
            "commitments-INITIAL_FORMS": "0",
            "name": "Renamed",
            "slug": "renamed",
            "is_published": "",
            "lead_school": SchoolFactory().pk,
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.description == "Eight schools working together."
    assert (partnership.name, partnership.slug) == ("Testbridge Alliance", "testbridge-alliance")
    assert partnership.is_published is True
    assert partnership.lead_school_id is None


def test_posting_the_group_of_another_partnership_to_a_group_page_is_not_possible(
    coordinator, partnership
):
    """The group is found under the partnership in the URL: another's group is 404."""
    other_group = NetworkGroupFactory(partnership=PartnershipFactory(), slug="other")
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/groups/{other_group.slug}/edit/",
        {"description": "Mine now", "cadence": Cadence.HALF_TERMLY},
    )
    assert response.status_code == 404
    other_group.refresh_from_db()
    assert other_group.description == ""
