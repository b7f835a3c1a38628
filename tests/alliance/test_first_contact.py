"""What a newcomer meets first: the run script, the install, the server's log, the icon."""

import logging
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_favicon_ico_is_served(anonymous):
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301
    icon = anonymous.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # An ICO file.


@pytest.mark.parametrize(
    "name", ["django.request", "django.server", "django.utils.autoreload", "django.db.backends"]
)
def test_each_log_line_is_written_once(name):
    """Django's own console handler on "django" also reached the root's: every line twice."""
    writers, logger = 0, logging.getLogger(name)
    while logger is not None:
        # pytest adds handlers of its own to the root to capture logs.
        writers += sum(not type(h).__module__.startswith("_pytest") for h in logger.handlers)
        logger = logger.parent if logger.propagate else None
    assert writers == 1


def test_the_run_script_refuses_a_port_that_is_not_a_number():
    result = subprocess.run(
        ["bash", "scripts/run"],
        cwd=ROOT,
        env={"PORT": "eighty", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr


def test_the_run_script_serves_on_the_port_it_is_given():
    script = (ROOT / "scripts" / "run").read_text()
    assert "PORT=${PORT:-8000}" in script
    assert 'runserver "127.0.0.1:$PORT"' in script


def test_the_licence_is_an_spdx_expression():
    """A table (license = {text = ...}) makes setuptools print a deprecation on every install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
