"""With production settings (DEBUG off, from the environment), every answer carries the
security headers, cookies are Secure/HttpOnly/SameSite, and a POST without a CSRF token is
refused."""

import json

import pytest
from django.test import Client

from accounts.models import SecurityEvent, SecurityEventKind
from tests.alliance.test_settings import run_in_production

PROBE = """
import json, django
from django.conf import settings
# No collectstatic here: serve static names as they are, like tests/conftest.py does.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
django.setup()
from django.test import Client

from accounts.models import SecurityEvent, SecurityEventKind
response = Client().get("/accounts/login/", secure=True, headers={"host": "portal.example.org"})
cookie = response.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "csrf_cookie": {"secure": cookie["secure"], "httponly": cookie["httponly"],
                    "samesite": cookie["samesite"]},
    "session_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                       settings.SESSION_COOKIE_SAMESITE],
}))
"""


@pytest.fixture(scope="module")
def production():
    return json.loads(run_in_production(PROBE).strip().splitlines()[-1])


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_hsts_for_a_year_with_subdomains(production):
    assert production["status"] == 200
    hsts = production["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts


def test_content_security_policy_allows_no_inline_or_eval_scripts(production):
    csp = csp_directives(production["headers"]["Content-Security-Policy"])
    scripts = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    for directive in ["object-src", "base-uri", "frame-ancestors"]:
        assert csp[directive] == ["'none'"], directive


def test_nosniff_referrer_policy_and_opener_policy(production):
    headers = production["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in {"strict-origin-when-cross-origin", "same-origin"}
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_httponly_and_samesite(production):
    assert production["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert production["session_cookie"] == [True, True, "Lax"]


def test_a_post_without_csrf_token_is_refused(db, staff, school):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(staff.user)
    response = signed_in.post("/accounts/logout/")
    assert response.status_code == 403
    assert signed_in.get("/people/").status_code == 200  # Still signed in.
    refused = SecurityEvent.objects.filter(kind=SecurityEventKind.ACCESS_REFUSED)
    assert [(e.path, e.user_id) for e in refused.order_by("pk")] == [
        ("/accounts/login/", None),
        ("/accounts/logout/", staff.user.pk),
    ]


def test_a_post_with_the_csrf_token_is_accepted(db):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    token = page.context["csrf_token"]
    response = client.post(
        "/accounts/login/",
        {"login": "a@example.org", "password": "x", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200  # The form answered (wrong password), not a 403.
