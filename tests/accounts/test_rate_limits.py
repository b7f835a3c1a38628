"""Rate limits on sign-in, reset and invitation acceptance. They count in the cache (Redis in
production, so every worker counts in one place; local memory here) and key on the address
the trusted-proxy settings give, so a forged X-Forwarded-For buys nothing."""

from django.test import Client

from accounts.models import SecurityEvent, SecurityEventKind
from tests.accounts.conftest import make_invitation
from tests.factories import UserFactory


def login(client, email, **headers):
    return client.post("/accounts/login/", {"login": email, "password": "wrong"}, headers=headers)


def test_failed_sign_ins_for_one_address_are_limited(db):
    UserFactory(email="member@example.org")
    for n in range(5):
        response = login(Client(REMOTE_ADDR=f"192.0.2.{n}"), "member@example.org")
        assert "Too many failed login attempts" not in response.content.decode()
    # A sixth try, even from another address, is refused before the password is checked.
    response = login(Client(REMOTE_ADDR="192.0.2.99"), "member@example.org")
    assert "Too many failed login attempts" in response.content.decode()


def test_sign_in_from_one_client_is_limited(settings, db):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    client = Client()
    for n in range(3):
        assert login(client, f"person{n}@example.org").status_code == 200
    assert login(client, "person9@example.org").status_code == 429


def test_a_forged_x_forwarded_for_does_not_dodge_the_limit(settings, db):
    """No trusted proxy (the default): X-Forwarded-For is ignored, REMOTE_ADDR counts."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    client = Client()
    for n in range(3):
        login(client, f"person{n}@example.org", x_forwarded_for=f"203.0.113.{n}")
    assert login(client, "person9@example.org", x_forwarded_for="203.0.113.50").status_code == 429


def test_behind_one_trusted_proxy_only_the_address_it_saw_counts(settings, db):
    """The client may prepend anything; our proxy appends the address it saw, and that counts."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(3):
        login(proxy, f"person{n}@example.org", x_forwarded_for=f"203.0.113.{n}, 198.51.100.7")
    forged = "203.0.113.77, 198.51.100.7"
    assert login(proxy, "person9@example.org", x_forwarded_for=forged).status_code == 429
    # Another real client behind the same proxy is not affected.
    other = "198.51.100.8"
    assert login(proxy, "person9@example.org", x_forwarded_for=other).status_code == 200


def test_password_reset_requests_are_limited(db):
    client = Client()
    for _ in range(5):
        response = client.post("/accounts/password/reset/", {"email": "member@example.org"})
        assert response.status_code == 302
    response = client.post("/accounts/password/reset/", {"email": "member@example.org"})
    assert response.status_code == 429


def test_invitation_acceptance_is_limited_per_client(settings, school):
    settings.INVITATION_ACCEPT_RATE_LIMIT = 3
    make_invitation(school, token="the-real-token")
    client = Client()
    for n in range(3):
        forged = {"x-forwarded-for": f"203.0.113.{n}"}
        response = client.get(f"/accounts/invitations/guess-{n}/", headers=forged)
        assert response.status_code == 404
    # Even the right token is refused now, whatever X-Forwarded-For says.
    forged = {"x-forwarded-for": "203.0.113.9"}
    response = client.get("/accounts/invitations/the-real-token/", headers=forged)
    assert response.status_code == 429
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.RATE_LIMITED).count() == 1
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert other.get("/accounts/invitations/the-real-token/").status_code == 200
