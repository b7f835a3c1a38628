"""Single sign-on is offered only where the environment configures it (alliance/settings.py)."""

import os
import subprocess
import sys

import pytest

OIDC = {
    "openid_connect": {
        "APPS": [
            {
                "client_id": "portal",
                "secret": "s3cret",
                "provider_id": "local",
                "name": "Testshire Council",
                "settings": {"server_url": "https://id.testshire.example.org"},
            }
        ]
    }
}


@pytest.mark.django_db
def test_without_providers_the_sign_in_page_offers_no_sso(anonymous, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = anonymous.get("/accounts/login/").content.decode()
    assert "Sign in with" not in page
    for url in ["/accounts/microsoft/login/", "/accounts/google/login/", "/accounts/oidc/x/login/"]:
        assert anonymous.get(url).status_code == 404, url
        assert anonymous.post(url).status_code == 404, url


@pytest.mark.django_db
def test_a_configured_provider_gets_a_button_that_works_without_javascript(anonymous, settings):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    page = anonymous.get("/accounts/login/").content.decode()
    assert '<form method="post" action="/accounts/oidc/local/login/?process=login">' in page
    assert "Sign in with Testshire Council" in page
    assert "Sign in with Microsoft" not in page
    assert anonymous.get("/accounts/microsoft/login/").status_code == 404


@pytest.mark.django_db
def test_a_provider_saved_in_the_database_is_ignored(anonymous, settings):
    """Providers and their secrets live in the environment only."""
    from allauth.socialaccount.models import SocialApp

    settings.SOCIALACCOUNT_PROVIDERS = {}
    SocialApp.objects.create(provider="google", name="Google", client_id="x", secret="y")
    assert "Sign in with" not in anonymous.get("/accounts/login/").content.decode()
    assert anonymous.post("/accounts/google/login/").status_code == 404


def _settings_with(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import json, alliance.settings as s\n"
        "print(json.dumps(sorted(s.SOCIALACCOUNT_PROVIDERS)))\n"
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'][1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_each_provider_is_enabled_by_its_variables():
    result = _settings_with(
        {
            "SSO_MICROSOFT_CLIENT_ID": "a",
            "SSO_MICROSOFT_SECRET": "b",
            "SSO_OIDC_CLIENT_ID": "c",
            "SSO_OIDC_SECRET": "d",
            "SSO_OIDC_SERVER_URL": "https://id.testshire.example.org",
        }
    )
    assert result.returncode == 0, result.stderr
    providers, form_actions = result.stdout.splitlines()
    assert providers == '["microsoft", "openid_connect"]'
    # The sign-in forms' redirects to the providers are allowed by the page's CSP.
    assert (
        form_actions == '["https://id.testshire.example.org", "https://login.microsoftonline.com"]'
    )


def test_a_half_configured_provider_stops_the_portal():
    result = _settings_with({"SSO_OIDC_CLIENT_ID": "c", "SSO_OIDC_SECRET": "d"})
    assert result.returncode != 0
    assert "SSO_OIDC_SERVER_URL" in result.stderr


@pytest.mark.django_db
def test_the_sso_buttons_cost_the_sign_in_page_no_query(
    anonymous, settings, django_assert_num_queries
):
    """The providers come from settings: drawing their buttons reads no database table."""
    settings.SOCIALACCOUNT_PROVIDERS = OIDC
    with django_assert_num_queries(0):
        page = anonymous.get("/accounts/login/")
    assert "Sign in with Testshire Council" in page.content.decode()
