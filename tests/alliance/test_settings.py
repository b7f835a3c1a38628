"""Settings come from the environment and refuse to start on values they cannot trust."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


# Variables a test run sets for itself that a production process would never have.
TEST_ONLY = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """A fresh Python in the project, with `env` and none of the test run's own variables."""
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, *argv],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return _run(["manage.py", *args], env)


def run_in_production(code: str) -> str:
    """What `code` prints, run with the production settings; it must succeed."""
    result = _run(["-c", code], {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "alliance.settings"})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_manage("check", env={"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_with_development_key_when_debug_is_on():
    result = run_manage("check", env={"DEBUG": "1", "SECRET_KEY": ""})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["yes", "Falsey", "on", "2"])
def test_refuses_an_ambiguous_boolean(value):
    result = run_manage("check", env={"DEBUG": value, "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "DEBUG must be 1, 0, true or false" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_turn_on_https_protections():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.TIME_ZONE, s.LANGUAGE_CODE, s.AUTH_USER_MODEL)"
    )
    assert run_in_production(code).split() == [
        "True",
        "True",
        "True",
        "31536000",
        "Europe/London",
        "en-gb",
        "accounts.User",
    ]


def read_settings(expression: str, **env: str) -> str:
    """Print one expression over the settings a fresh process builds from `env`."""
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "CACHE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "alliance.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cache_url_puts_sessions_and_rate_limits_in_redis():
    printed = read_settings(
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE",
        CACHE_URL="redis://cache.example.org:6379/1",
    )
    assert printed.split() == [
        "alliance.lib.cache.RedisCache",
        "redis://cache.example.org:6379/1",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_without_cache_url_sessions_stay_in_the_database():
    printed = read_settings("s.CACHES['default']['BACKEND'], s.SESSION_ENGINE")
    assert printed.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def test_postgresql_connections_are_kept_checked_and_time_limited():
    printed = read_settings(
        "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "s.DATABASES['default']['OPTIONS']['options'], "
        "s.DATABASES['default']['OPTIONS']['connect_timeout']",
        DATABASE_URL="postgres://alliance@db.example.org:5432/alliance",
        DB_STATEMENT_TIMEOUT_MS="9000",
    )
    assert printed.split() == [
        "60",
        "True",
        "-c",
        "statement_timeout=9000",
        "-c",
        "max_parallel_workers_per_gather=0",
        "5",
    ]


def test_postgresql_parallel_query_is_off_unless_asked_for():
    options = "s.DATABASES['default']['OPTIONS']['options']"
    url = "postgres://alliance@db.example.org:5432/alliance"
    printed = read_settings(options, DATABASE_URL=url, DB_PARALLEL_WORKERS="2")
    assert "-c max_parallel_workers_per_gather=2" in printed
    refused = run_manage(
        "check", env={**PRODUCTION_ENV, "DATABASE_URL": url, "DB_PARALLEL_WORKERS": "-1"}
    )
    assert refused.returncode != 0
    assert "DB_PARALLEL_WORKERS must be 0 or more" in refused.stderr


def test_postgresql_prepares_repeated_queries_unless_told_not_to():
    fields = (
        "s.DATABASES['default']['OPTIONS'].get('server_side_binding'), "
        "s.DATABASES['default']['OPTIONS'].get('prepare_threshold')"
    )
    url = "postgres://alliance@db.example.org:5432/alliance"
    assert read_settings(fields, DATABASE_URL=url).split() == ["True", "5"]
    assert read_settings(fields, DATABASE_URL=url, DB_PREPARED_STATEMENTS="0").split() == [
        "None",
        "None",
    ]


def _setting(name: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(settings.{name})",
        env=env,
    )


def test_smtp_is_configured_from_separate_variables():
    env = {
        "DEBUG": "1",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "2525",
        "EMAIL_USE_TLS": "1",
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "secret",
    }
    backend = _setting("EMAIL_BACKEND", env)
    assert backend.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend", backend.stderr
    assert _setting("EMAIL_PORT", env).stdout.strip() == "2525"
    assert _setting("EMAIL_USE_TLS", env).stdout.strip() == "True"


def test_refuses_starttls_and_implicit_tls_together():
    env = {"DEBUG": "1", "EMAIL_HOST": "smtp.example.org", "EMAIL_USE_TLS": "1"}
    result = run_manage("check", env={**env, "EMAIL_USE_SSL": "1"})
    assert result.returncode != 0
    assert "not both" in result.stderr


def test_refuses_a_tasks_backend_it_does_not_know():
    result = run_manage("check", env={"DEBUG": "1", "TASKS_BACKEND": "redis"})
    assert result.returncode != 0
    assert "TASKS_BACKEND must be database or immediate" in result.stderr
