"""scripts/backup.py: a pg_dump -Fc that restores into a fresh database with the same rows."""

import json
import os
import subprocess
import sys

import pytest

from loadtest.harness import ROOT, manage, server_env

pytestmark = pytest.mark.pgcluster


@pytest.fixture(scope="module")
def demo_database(private_postgres, tmp_path_factory) -> str:
    """The demo alliance, migrated and seeded, in its own database on the private cluster."""
    private_postgres.psql("postgres", "CREATE DATABASE alliance_backup_source")
    url = private_postgres.url("alliance_backup_source")
    env = server_env(url, tmp_path_factory.mktemp("static"))
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env=env)
    return url


def backup(*args: str, url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "scripts/backup.py", *args],
        cwd=ROOT,
        env={**env, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_restores_with_every_row_and_current_migrations(
    demo_database, private_postgres, tmp_path
):
    result = backup("check", "--out", str(tmp_path), url=demo_database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrate --check: no unapplied migrations" in result.stdout
    counts = json.loads(next(tmp_path.glob("*.counts.json")).read_text())
    assert counts["schools_school"] > 0 and counts["people_person"] > 0
    assert f"{len(counts)}/{len(counts)} tables equal" in result.stdout
    # The restored database was dropped afterwards: only the source and the defaults remain.
    databases = private_postgres.psql("postgres", "SELECT datname FROM pg_database")
    assert "restore" not in databases


def test_verify_reports_a_backup_that_lost_rows(demo_database, tmp_path):
    assert backup("dump", "--out", str(tmp_path), url=demo_database).returncode == 0
    dump_file = next(tmp_path.glob("*.dump"))
    counts_file = dump_file.with_suffix(".counts.json")
    counts = json.loads(counts_file.read_text())
    counts["schools_school"] += 1  # the live database had a school the dump does not hold
    counts_file.write_text(json.dumps(counts))
    result = backup("verify", str(dump_file), url=demo_database)
    assert result.returncode == 1
    assert "row count differs: schools_school" in result.stdout


def test_verify_reports_a_database_behind_the_code_s_migrations(
    demo_database, private_postgres, tmp_path
):
    private_postgres.psql(
        "alliance_backup_source",
        "DELETE FROM django_migrations WHERE id = (SELECT max(id) FROM django_migrations)",
    )
    try:
        result = backup("check", "--out", str(tmp_path), url=demo_database)
    finally:
        env = server_env(demo_database, tmp_path / "static")
        manage("migrate", "--fake", "--noinput", env=env)
    assert result.returncode == 1
    assert "migrate --check: FAILED" in result.stdout
