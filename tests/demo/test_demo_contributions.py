"""The demo's contributions per school and its occasion look like seed 002's cluster meetings."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from events.models import Occasion
from programme.contributions import asked_schools
from programme.models import Contribution, ContributionRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())


def test_the_next_cluster_meeting_has_offers_a_decline_and_schools_still_to_answer(demo):
    request = ContributionRequest.objects.select_related("event").get()
    assert not request.event.has_happened()
    answers = Contribution.objects.filter(request=request)
    offered = answers.filter(status="offered")
    assert offered.count() >= 2 and all(c.topic and c.presenter for c in offered)
    assert answers.filter(status="declined").count() == 1
    assert asked_schools(request.event).count() > answers.count()
    # The demo coordinator (of the Central cluster) follows the answers.
    client = Client()
    client.force_login(User.objects.get(email="coordinator@example.org"))
    page = client.get(f"/contributions/{request.pk}/").content.decode()
    assert "not yet answered" in page
    assert offered.first().topic in client.get(request.event.get_absolute_url()).content.decode()


def test_the_town_wide_evening_holds_four_meetings_with_real_attendance(demo):
    occasion = Occasion.objects.get(title="Town-wide writing evening")
    meetings = list(occasion.events.all())
    assert len(meetings) == 4
    assert len({m.host_school_id for m in meetings}) == 4
    assert len({m.starts_at for m in meetings}) == 1 and meetings[0].has_happened()
    client = Client()
    client.force_login(User.objects.get(email="admin@example.org"))
    response = client.get(occasion.get_absolute_url())
    rows = response.context["report"]
    assert len(rows) >= 8 and response.context["total"].attended > 20
    assert response.context["total"].apologies and response.context["total"].absent
