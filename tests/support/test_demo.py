"""The demo alliance shows support and shared resources, and building it twice adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from accounts.rules import requires_mfa
from resources.models import Comment, Pin, Resource, Sharing, Use
from support.models import Deployment, RequestStatus, SupportRequest, Visit


def counts():
    models = [SupportRequest, Deployment, Visit, Resource, Comment, Use, Pin]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_has_requests_deployments_visits_and_resources():
    call_command("seed_demo", stdout=io.StringIO())
    assert SupportRequest.objects.filter(status=RequestStatus.OPEN).exists()
    assert Deployment.objects.filter(completed_at__isnull=False).exclude(outcome="").exists()
    assert Visit.objects.count() >= 6
    assert Resource.objects.filter(sharing=Sharing.PARTNERSHIP).exists()
    assert Resource.objects.exclude(file="").exists()
    assert Pin.objects.exists() and Use.objects.exists() and Comment.objects.exists()
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_demo_logins_reach_support_and_resources(client):
    call_command("seed_demo", stdout=io.StringIO())
    for email in ("head@example.org", "coordinator@example.org", "staff@example.org"):
        client = Client()
        client.post("/accounts/login/", {"login": email, "password": "alliance-demo-2026"})
        # Headteachers (the demo coordinator is one too) give the code from demo_code first.
        expected = 302 if requires_mfa(User.objects.get(email=email)) else 200
        assert client.get("/support/").status_code == expected
        assert client.get("/resources/").status_code == expected
    head = User.objects.get(email="head@example.org")
    client.force_login(head)
    html = client.get("/support/").content.decode()
    assert "Open requests" in html
