"""A deployment's page: who sees it, logging visits, writing the outcome."""

import datetime

import pytest
from django.utils import timezone

from support.models import Visit
from tests.factories import VisitFactory


def visit_url(deployment):
    return f"/support/deployments/{deployment.pk}/visits/"


def outcome_url(deployment):
    return f"/support/deployments/{deployment.pk}/outcome/"


def visit_data(**extra):
    return {"visited_on": timezone.localdate().isoformat(), "amount": "1.5", "note": "Modelled"} | (
        extra
    )


@pytest.fixture
def leader_head(leader):
    """Signed in as the head of the leader's school: may see, may not record."""
    from tests.conftest import sign_in
    from tests.factories import PersonFactory

    school = leader.person.school
    client = sign_in(PersonFactory(school=school))
    school.headteacher = client.person
    school.save(update_fields=["headteacher"])
    return client


# Seeing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["leader", "head", "editor", "coordinator", "admin"])
def test_people_involved_see_the_deployment(request, persona, deployment):
    client = request.getfixturevalue(persona)
    response = client.get(deployment.get_absolute_url())
    assert response.status_code == 200
    assert "Fractions in Year 4" in response.content.decode()


def test_the_leaders_head_sees_the_deployment(leader_head, deployment):
    assert leader_head.get(deployment.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_get_not_found_for_a_deployment(request, persona, deployment):
    client = request.getfixturevalue(persona)
    assert client.get(deployment.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_sign_in_for_a_deployment(anonymous, deployment):
    response = anonymous.get(deployment.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# Visits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["leader", "head", "coordinator"])
def test_leader_school_and_coordinator_log_visits(request, persona, deployment):
    client = request.getfixturevalue(persona)
    response = client.post(visit_url(deployment), visit_data())
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.amount == 1.5 and visit.logged_by == client.person
    html = client.get(deployment.get_absolute_url()).content.decode()
    assert "1.5 days" in html


def test_a_visit_in_the_future_is_refused(leader, deployment):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = leader.post(visit_url(deployment), visit_data(visited_on=tomorrow.isoformat()))
    assert response.status_code == 200
    assert "this date is ahead" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_visit_before_the_deployment_is_refused(leader, deployment):
    before = deployment.starts_on - datetime.timedelta(days=1)
    response = leader.post(visit_url(deployment), visit_data(visited_on=before.isoformat()))
    assert "The visit must fall within the deployment" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_visit_without_time_is_refused(leader, deployment):
    response = leader.post(visit_url(deployment), visit_data(amount="0"))
    assert response.status_code == 200
    assert "must be 0.25 or more." in response.content.decode()
    assert not Visit.objects.exists()


def test_the_leaders_head_may_see_but_not_log_visits(leader_head, deployment):
    assert leader_head.post(visit_url(deployment), visit_data()).status_code == 403
    assert not Visit.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_cannot_log_visits(request, persona, deployment):
    client = request.getfixturevalue(persona)
    assert client.post(visit_url(deployment), visit_data()).status_code == 404
    assert not Visit.objects.exists()


def test_anonymous_cannot_log_visits(anonymous, deployment):
    assert anonymous.post(visit_url(deployment), visit_data()).status_code == 302
    assert not Visit.objects.exists()


def test_logging_a_visit_refuses_get(leader, deployment):
    assert leader.get(visit_url(deployment)).status_code == 405


# Outcome --------------------------------------------------------------------------------------


def test_leader_writes_the_outcome_and_completes(leader, deployment):
    response = leader.post(outcome_url(deployment), {"outcome": "Year 4 fractions scores rose."})
    assert response.status_code == 302
    deployment.refresh_from_db()
    assert deployment.outcome == "Year 4 fractions scores rose."
    assert deployment.completed_at is not None


def test_an_empty_outcome_is_refused(leader, deployment):
    response = leader.post(outcome_url(deployment), {"outcome": "   "})
    assert response.status_code == 200
    assert "Write the outcome and impact before completing." in response.content.decode()
    deployment.refresh_from_db()
    assert deployment.completed_at is None


def test_the_leaders_head_cannot_write_the_outcome(leader_head, deployment):
    assert leader_head.post(outcome_url(deployment), {"outcome": "Done"}).status_code == 403
    deployment.refresh_from_db()
    assert deployment.outcome == ""


def test_outsider_cannot_write_the_outcome(outsider, deployment):
    assert outsider.post(outcome_url(deployment), {"outcome": "Done"}).status_code == 404


def test_anonymous_cannot_write_the_outcome(anonymous, deployment):
    assert anonymous.post(outcome_url(deployment), {"outcome": "Done"}).status_code == 302
    deployment.refresh_from_db()
    assert deployment.outcome == ""


def test_outcome_refuses_get(leader, deployment):
    assert leader.get(outcome_url(deployment)).status_code == 405


# Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("visits", [1, 30])
def test_deployment_page_queries_do_not_grow_with_visits(
    leader, deployment, django_assert_num_queries, visits
):
    """Visits are read in one query, not one per visit."""
    VisitFactory.create_batch(visits, deployment=deployment)
    with django_assert_num_queries(4):
        response = leader.get(deployment.get_absolute_url())
    assert response.status_code == 200
