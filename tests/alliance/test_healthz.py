"""/healthz (liveness), /readyz (readiness) and the plain 503 page a database outage gives.

The outage cases run in a subprocess whose DATABASE_URL points at a real dead PostgreSQL: a
port where nothing listens, or a listener that never answers.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError
from django.test import RequestFactory

from alliance.views import server_error

ROOT = Path(__file__).resolve().parents[2]

DEAD_DATABASE = "postgres://nobody@127.0.0.1:9/nothing"

# Production-like settings for the subprocess: DEBUG off, so no debug page could leak.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "alliance.settings",
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-test-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
    "ALLOWED_HOSTS": "localhost",
    "SECURE_SSL_REDIRECT": "0",
}

GET_PAGES = """
import json, time, django
django.setup()
from django.test import Client
client = Client()
out = {}
for path in PATHS:
    started = time.monotonic()
    response = client.get(path, HTTP_HOST="localhost")
    out[path] = {
        "status": response.status_code,
        "body": response.content.decode(),
        "retry_after": response.get("Retry-After"),
        "seconds": time.monotonic() - started,
    }
print(json.dumps(out))
"""


def get_with_database(url: str, *paths: str, **extra_env: str) -> dict:
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": url, **extra_env}
    code = f"PATHS = {list(paths)!r}\n{GET_PAGES}"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_healthz_answers_200_without_touching_the_database(client):
    # No `db` fixture: pytest-django refuses any query, so a query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_answers_200_on_a_fresh_connection(client, db, django_assert_num_queries):
    # The worker's own connection runs nothing: the check opens (and closes) a new one.
    with django_assert_num_queries(0):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "up"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_refuses_post(client, db):
    assert client.post("/readyz").status_code == 405


def test_with_the_database_down_healthz_is_200_and_readyz_is_503():
    # Over plain HTTP with the HTTPS redirect on, as a load balancer probes an app server.
    pages = get_with_database(DEAD_DATABASE, "/healthz", "/readyz", SECURE_SSL_REDIRECT="1")
    assert pages["/healthz"]["status"] == 200
    assert pages["/readyz"]["status"] == 503
    assert json.loads(pages["/readyz"]["body"])["database"] == "down"


def test_readyz_gives_up_within_its_bound_when_the_database_never_answers():
    # A listener that completes the TCP handshake but never speaks: a hung server.
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        port = hung.getsockname()[1]
        pages = get_with_database(
            f"postgres://nobody@127.0.0.1:{port}/nothing", "/readyz", READYZ_TIMEOUT_SECONDS="2"
        )
    assert pages["/readyz"]["status"] == 503
    assert pages["/readyz"]["seconds"] < 6


def test_pages_answer_a_plain_503_page_when_the_database_is_down():
    # DEBUG off, as in production. (With DEBUG off a page that renders its layout before its
    # first query needs collected static files: the fault run covers those against gunicorn.)
    pages = get_with_database(DEAD_DATABASE, "/schools/", "/events/")
    for path, page in pages.items():
        assert page["status"] == 503, path
        assert "briefly unavailable" in page["body"]
        assert "Traceback" not in page["body"]
        assert "OperationalError" not in page["body"]
        assert page["retry_after"] == "30"


def test_the_503_page_also_replaces_the_debug_page_when_debug_is_on():
    pages = get_with_database(DEAD_DATABASE, "/", "/partnerships/", DEBUG="1")
    for path, page in pages.items():
        assert page["status"] == 503, path
        assert "briefly unavailable" in page["body"]
        assert "Traceback" not in page["body"]


def test_a_database_error_outside_a_view_answers_503_and_other_errors_500():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
