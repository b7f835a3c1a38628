"""On PostgreSQL a runaway statement is cancelled by the server after DB_STATEMENT_TIMEOUT_MS."""

import json
import os
import subprocess
import sys

import pytest

from loadtest.harness import ROOT

pytestmark = pytest.mark.pgcluster

SLOW_QUERY = """
import json, time, django
django.setup()
from django.db import OperationalError, connection
started = time.monotonic()
try:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5)")
    error = ""
except OperationalError as exc:
    error = str(exc)
print(json.dumps({"error": error, "seconds": time.monotonic() - started}))
"""


def test_a_statement_past_the_timeout_is_cancelled(private_postgres):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance.settings",
        "DEBUG": "1",
        "DATABASE_URL": private_postgres.url("postgres"),
        "DB_STATEMENT_TIMEOUT_MS": "300",
    }
    result = subprocess.run(
        [sys.executable, "-c", SLOW_QUERY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert "statement timeout" in outcome["error"]
    assert outcome["seconds"] < 3
