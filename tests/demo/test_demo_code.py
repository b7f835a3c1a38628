"""The demo's admin, headteacher and coordinator sign in with two factors without a phone: their
authenticator holds a published secret and `manage.py demo_code` prints its code. A production
portal (`check --deploy` with DEBUG off) refuses that secret."""

import base64
import hashlib
import hmac
import io
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.checks import Tags, run_checks
from django.core.management import call_command
from django.test import Client

from demo.authenticator import demo_code
from demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.factories import UserFactory

NEED_CODE = ["admin@example.org", "head@example.org", "coordinator@example.org"]


def fresh_code() -> str:
    """The demo code now, waiting for the next one if this one is about to expire."""
    code, seconds_left = demo_code()
    if seconds_left < 5:
        time.sleep(seconds_left + 0.1)
    out = io.StringIO()
    call_command("demo_code", stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def deploy_errors() -> list[str]:
    return [m.id for m in run_checks(include_deployment_checks=True, tags=[Tags.security])]


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_printed_logins_say_which_need_the_demo_code(demo):
    lines = {line.split()[0]: line for line in demo.splitlines() if "@example.org" in line}
    for email in NEED_CODE:
        assert "then the code from `manage.py demo_code`" in lines[email]
    assert "demo_code" not in lines["staff@example.org"]
    assert DEMO_TOTP_SECRET in demo
    with_code = Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    assert sorted(with_code.values_list("user__email", flat=True)) == sorted(NEED_CODE)
    call_command("seed_demo", stdout=io.StringIO())
    assert with_code.count() == 3  # Seeding again adds none.


def test_demo_logins_sign_in_with_the_printed_code(demo):
    for email in NEED_CODE:
        client = Client()
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response["Location"] == "/accounts/2fa/authenticate/", email
        response = client.post("/accounts/2fa/authenticate/", {"code": fresh_code()})
        assert response.status_code == 302, email
        assert client.get("/people/").status_code == 200, email


def rfc6238_code(secret: str, at: int) -> str:
    """What any authenticator app shows (RFC 6238, SHA-1, 6 digits, 30 seconds), written out."""
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", at // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06}"


def test_demo_code_is_the_code_an_app_shows():
    for at in (59, 1_111_111_109, 2_000_000_000):
        assert demo_code(at=at)[0] == rfc6238_code(DEMO_TOTP_SECRET, at)
    assert demo_code(at=59)[1] == 1
    assert demo_code(at=60)[1] == 30


def test_deploy_check_refuses_the_demo_secret_with_debug_off(db, settings):
    settings.DEBUG = False
    user = UserFactory(email="head@school.example.org")
    TOTP.activate(UserFactory(), generate_totp_secret())
    assert "demo.E001" not in deploy_errors()
    TOTP.activate(user, DEMO_TOTP_SECRET)
    [error] = [m for m in run_checks(include_deployment_checks=True) if m.id == "demo.E001"]
    assert "head@school.example.org" in error.msg
    settings.DEBUG = True  # The demo itself (scripts/run) runs with DEBUG on.
    assert "demo.E001" not in deploy_errors()
