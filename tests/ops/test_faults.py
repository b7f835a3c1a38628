"""The fault run (faults/run_faults.py) passes every check, and each check actually ran."""

import json
import os
import subprocess
import sys

import pytest

from loadtest.harness import ROOT
from tests.ops.conftest import free_port

pytestmark = pytest.mark.faults

EXPECTED = {
    ("static", "far-future caching"),
    ("static", "served compressed"),
    ("two servers", "a session from server A is signed in on server B"),
    ("two servers", "server B accepts a registration in that session"),
    ("two servers", "signing out on B signs out on A"),
    ("fail after write", "the first write is rolled back"),
    ("worker timeout", "while the worker hangs, its registration is written and not committed"),
    ("worker timeout", "the slow request is cut off at the worker timeout"),
    ("worker timeout", "other requests are served meanwhile, without error"),
    ("worker timeout", "the killed request's write is rolled back"),
    ("database outage", "the outage was felt"),
    ("database outage", "while down, every refusal is the clean 503 page"),
    ("database outage", "no error once it is back"),
    ("database outage", "no worker restarted (no crash loop)"),
    ("database outage", "/healthz stays 200 while the database is down"),
    ("database outage", "/readyz answers 503 while the database is down (at least 9 probes in 10)"),
    ("database outage", "/readyz answers 200 once it is back"),
    ("invariants", "confirmed registrations never exceed capacity"),
    (
        "invariants",
        "nobody waits while a place is free (a cancellation and its promotion are one write)",
    ),
    ("invariants", "every membership has its school and partnership"),
    ("invariants", "no transaction left open"),
}


def test_the_portal_survives_a_database_outage_a_hung_worker_and_a_failed_write(tmp_path):
    report_file = tmp_path / "faults.json"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    ports = [str(free_port()) for _ in range(3)]
    result = subprocess.run(
        [sys.executable, "-m", "faults.run_faults", "--json", str(report_file)]
        + ["--port", ports[0], "--second-port", ports[1], "--pg-port", ports[2]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    report = json.loads(report_file.read_text())
    ran = {(c["scenario"], c["check"]) for c in report["checks"] if c["passed"]}
    assert ran >= EXPECTED, EXPECTED - ran
