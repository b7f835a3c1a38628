"""Fixtures for the accounts tests: a clean cache (rate limits count there) and invitations."""

import datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Invitation, SchoolEmailDomain, hash_token


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school_domain(school):
    return SchoolEmailDomain.objects.create(school=school, domain="abbeyfield.example.org")


def make_invitation(
    school, *, email="new.teacher@abbeyfield.example.org", token="tok-en", expires_in_hours=24
):
    """An invitation whose plain token is `token` (tests need the token, the site never does).

    A negative `expires_in_hours` makes an expired invitation.
    """
    now = timezone.now()
    return Invitation.objects.create(
        email=email,
        first_name="Nia",
        last_name="Okafor",
        school=school,
        token_hash=hash_token(token),
        created_at=now - datetime.timedelta(days=8),
        expires_at=now + datetime.timedelta(hours=expires_in_hours),
    )


@pytest.fixture
def invitation(school):
    return make_invitation(school, token="valid-token-0123456789")


@pytest.fixture
def rf_request():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10")
    return request
