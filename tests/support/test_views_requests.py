"""Support requests: who may ask, who may see them, matching leaders and deploying them."""

import datetime

import pytest

from support.models import Deployment, RequestStatus, SupportRequest
from tests.factories import (
    DeploymentFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SpecialismFactory,
    SupportRequestFactory,
)

NEW = "/support/requests/new/"


def request_data(school, specialism, **extra):
    data = {
        "school": school.pk,
        "specialism": specialism.pk,
        "needs": "Fractions teaching in Year 4 needs a lift.",
        "wanted_from": "2026-01-05",
        "wanted_until": "2026-03-27",
    }
    return data | extra


# Asking for support ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["head", "editor"])
def test_head_and_editors_can_ask_for_support(request, persona, school, maths):
    client = request.getfixturevalue(persona)
    response = client.post(NEW, request_data(school, maths))
    support_request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == support_request.get_absolute_url()
    assert support_request.school == school
    assert support_request.requested_by == client.person
    assert support_request.status == RequestStatus.OPEN


def test_staff_cannot_ask_for_support(staff, school, maths):
    assert staff.get(NEW).status_code == 403
    assert staff.post(NEW, request_data(school, maths)).status_code == 403
    assert not SupportRequest.objects.exists()


def test_head_cannot_ask_on_behalf_of_another_school(head, other_school, maths):
    response = head.post(NEW, request_data(other_school, maths))
    assert response.status_code == 200
    assert "Choose one of the options offered for “School”." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_anonymous_is_sent_to_sign_in_to_ask(anonymous, school, maths):
    response = anonymous.post(NEW, request_data(school, maths))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SupportRequest.objects.exists()


def test_asking_refuses_other_methods(head):
    assert head.put(NEW).status_code == 405


def test_asking_with_dates_the_wrong_way_round_shows_the_error(head, school, maths):
    response = head.post(NEW, request_data(school, maths, wanted_until="2025-12-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in html
    assert 'class="error-summary"' in html and 'href="#id_wanted_until"' in html
    assert not SupportRequest.objects.exists()


# Seeing a request -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["head", "editor", "coordinator", "admin"])
def test_school_and_coordinators_see_the_request(request, persona, support_request):
    client = request.getfixturevalue(persona)
    response = client.get(support_request.get_absolute_url())
    assert response.status_code == 200
    assert "Fractions" in response.content.decode() or "fractions" in response.content.decode()


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_get_not_found_for_a_request(request, persona, support_request):
    client = request.getfixturevalue(persona)
    assert client.get(support_request.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_sign_in_for_a_request(anonymous, support_request):
    response = anonymous.get(support_request.get_absolute_url())
    assert response.status_code == 302


def test_coordinator_of_another_partnership_cannot_see_the_request(support_request, outsider):
    from tests.factories import MembershipFactory, PartnershipFactory

    other = PartnershipFactory()
    MembershipFactory(school=outsider.person.school, partnership=other, coordinator=outsider.person)
    assert outsider.get(support_request.get_absolute_url()).status_code == 404


# Matching system leaders ----------------------------------------------------------------------


def test_coordinator_sees_matching_current_system_leaders_only(
    coordinator, support_request, make_leader, school, sle_role, settings
):
    match = make_leader()
    past = make_leader(ends_on=datetime.date(2021, 7, 31))
    other_subject = make_leader(specialism=SpecialismFactory(name="Science", slug="science"))
    at_own_school = make_leader(school=school)
    not_a_leader = PersonFactory()
    RoleAssignmentFactory(
        person=not_a_leader,
        role_type=RoleTypeFactory(name="SENCo", slug="senco"),
        specialism=support_request.specialism,
    )
    html = coordinator.get(support_request.get_absolute_url()).content.decode()
    assert match.display_name in html
    assert "20 days free" in html
    for person in (past, other_subject, at_own_school, not_a_leader):
        assert person.display_name not in html


def test_leader_at_capacity_is_listed_apart_and_cannot_be_chosen(
    coordinator, support_request, make_leader, settings
):
    settings.SUPPORT_MAX_DAYS_PER_LEADER = 10
    busy = make_leader()
    DeploymentFactory(system_leader=busy, time_agreed=10)
    html = coordinator.get(support_request.get_absolute_url()).content.decode()
    assert "At capacity" in html
    assert f'value="{busy.pk}"' not in html


def test_head_does_not_see_the_deploy_form(head, support_request, make_leader):
    make_leader()
    html = head.get(support_request.get_absolute_url()).content.decode()
    assert "Matching system leaders" not in html


# Deploying ------------------------------------------------------------------------------------


def deploy_data(partnership, *leaders, **extra):
    today = datetime.date.today()
    data = {
        "leaders": [p.pk for p in leaders],
        "partnership": partnership.pk,
        "focus": "Fractions in Year 4",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=90)).isoformat(),
        "time_unit": "days",
        "time_agreed": "6",
    }
    return data | extra


def deploy_url(support_request):
    return f"/support/requests/{support_request.pk}/deploy/"


def test_coordinator_deploys_one_or_more_leaders(
    coordinator, support_request, make_leader, partnership
):
    first, second = make_leader(), make_leader()
    response = coordinator.post(
        deploy_url(support_request), deploy_data(partnership, first, second)
    )
    assert response.status_code == 302
    deployments = Deployment.objects.order_by("system_leader__pk")
    assert {d.system_leader for d in deployments} == {first, second}
    assert all(d.supported_school == support_request.school for d in deployments)
    assert all(d.partnership == partnership and d.request == support_request for d in deployments)
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.MET


def test_deploying_beyond_capacity_is_refused(
    coordinator, support_request, make_leader, partnership, settings
):
    settings.SUPPORT_MAX_DAYS_PER_LEADER = 10
    busy = make_leader()
    DeploymentFactory(system_leader=busy, time_agreed=8)
    response = coordinator.post(
        deploy_url(support_request), deploy_data(partnership, busy, time_agreed="3")
    )
    assert response.status_code == 200
    assert "has only 2 days free" in response.content.decode()
    assert Deployment.objects.count() == 1


def test_hours_count_towards_capacity_as_days(
    coordinator, support_request, make_leader, partnership, settings
):
    settings.SUPPORT_MAX_DAYS_PER_LEADER = 2
    settings.SUPPORT_HOURS_PER_DAY = 6
    leader = make_leader()
    response = coordinator.post(
        deploy_url(support_request),
        deploy_data(partnership, leader, time_unit="hours", time_agreed="18"),
    )
    assert "has only 2 days free" in response.content.decode()
    response = coordinator.post(
        deploy_url(support_request),
        deploy_data(partnership, leader, time_unit="hours", time_agreed="12"),
    )
    assert response.status_code == 302
    assert Deployment.objects.get().days_agreed == 2


def test_deploying_without_choosing_a_leader_shows_the_error(
    coordinator, support_request, make_leader, partnership
):
    make_leader()
    response = coordinator.post(deploy_url(support_request), deploy_data(partnership))
    assert response.status_code == 200
    assert "Choose system leaders to deploy." in response.content.decode()
    assert not Deployment.objects.exists()


def test_head_cannot_deploy(head, support_request, make_leader, partnership):
    leader = make_leader()
    response = head.post(deploy_url(support_request), deploy_data(partnership, leader))
    assert response.status_code == 403
    assert not Deployment.objects.exists()


def test_outsider_cannot_deploy(outsider, support_request, make_leader, partnership):
    leader = make_leader()
    response = outsider.post(deploy_url(support_request), deploy_data(partnership, leader))
    assert response.status_code == 404
    assert not Deployment.objects.exists()


def test_anonymous_cannot_deploy(anonymous, support_request, make_leader, partnership):
    leader = make_leader()
    response = anonymous.post(deploy_url(support_request), deploy_data(partnership, leader))
    assert response.status_code == 302
    assert not Deployment.objects.exists()


def test_deploy_refuses_get(coordinator, support_request):
    assert coordinator.get(deploy_url(support_request)).status_code == 405


def test_coordinator_cannot_deploy_under_a_partnership_they_do_not_run(
    coordinator, support_request, make_leader
):
    from tests.factories import PartnershipFactory

    leader = make_leader()
    elsewhere = PartnershipFactory()
    response = coordinator.post(deploy_url(support_request), deploy_data(elsewhere, leader))
    assert response.status_code == 200
    assert not Deployment.objects.exists()


# Closing --------------------------------------------------------------------------------------


def test_head_closes_the_request(head, support_request):
    response = head.post(f"/support/requests/{support_request.pk}/close/")
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.CLOSED


def test_coordinator_cannot_close_the_request(coordinator, support_request):
    response = coordinator.post(f"/support/requests/{support_request.pk}/close/")
    assert response.status_code == 403
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.OPEN


# Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("leaders", [1, 30])
def test_request_page_queries_do_not_grow_with_leaders(
    coordinator, support_request, make_leader, django_assert_num_queries, leaders
):
    """Each matching leader's school, roles and committed days come with two queries, not
    three per leader."""
    for _ in range(leaders):
        DeploymentFactory(system_leader=make_leader(), time_agreed=2)
    with django_assert_num_queries(10):
        response = coordinator.get(support_request.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_support_index_queries_do_not_grow_with_rows(
    coordinator, school, maths, django_assert_num_queries, rows
):
    """Requests and deployments show their schools, specialism and time given without a query
    per row."""
    for _ in range(rows):
        SupportRequestFactory(school=school, specialism=maths)
        DeploymentFactory(supported_school=school, specialism=maths)
    with django_assert_num_queries(6):
        response = coordinator.get("/support/")
    assert response.status_code == 200


def test_a_former_coordinator_no_longer_sees_the_request(coordinator, support_request, school):
    membership = school.memberships.get(coordinator=coordinator.person)
    membership.left_on = datetime.date(2024, 7, 31)
    membership.save()
    assert coordinator.get(support_request.get_absolute_url()).status_code == 404
