"""Back up the portal's PostgreSQL database, and prove a backup restores.

    python scripts/backup.py dump [--out DIR]      # DIR/alliance-<time>.dump (+ .counts.json)
    python scripts/backup.py verify FILE.dump      # restore into a fresh database and check it
    python scripts/backup.py check [--out DIR]     # dump, then verify that dump (cron, CI)

DATABASE_URL names the database (postgres://user@host:port/name). `dump` runs `pg_dump -Fc`
on an exported snapshot and counts every table's rows in that same snapshot, so the counts
beside the dump describe exactly what it holds, even on a busy site. `verify` creates a fresh
database (<name>_restore_<time>, or --target NAME), runs `pg_restore`, then
`manage.py migrate --check` (the dump matches this code's migrations) and compares row counts
table by table; it drops the restored database unless --keep. Exit code 1 on any difference.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    """pg_dump/pg_restore: PG_BIN, else the newest of Debian's versioned folders, else PATH."""
    folders = [Path(os.environ["PG_BIN"])] if os.environ.get("PG_BIN") else []
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in folders:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PostgreSQL's client programs or set PG_BIN.")
    return found


def parse(url: str) -> dict:
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"DATABASE_URL must be a PostgreSQL URL, not {parts.scheme!r}.")
    return {
        "host": parts.hostname or "",
        "port": parts.port or 5432,
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "dbname": parts.path.lstrip("/"),
    }


def with_database(url: str, name: str) -> str:
    return urlparse(url)._replace(path=f"/{name}").geturl()


def connect(url: str):
    params = {k: v for k, v in parse(url).items() if v != ""}
    return psycopg.connect(**params, connect_timeout=10)


def count_rows(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    counts = {}
    for (table,) in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def libpq_env(url: str) -> dict[str, str]:
    params = parse(url)
    env = {**os.environ, "PGHOST": params["host"], "PGPORT": str(params["port"])}
    env.update({"PGUSER": params["user"]} if params["user"] else {})
    env.update({"PGPASSWORD": params["password"]} if params["password"] else {})
    return env


def dump(url: str, out: Path) -> Path:
    """pg_dump -Fc of the database, with its row counts taken in the very same snapshot."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out / f"{parse(url)['dbname']}-{stamp}.dump"
    conn = connect(url)
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_rows(cursor)
            subprocess.run(
                [tool("pg_dump"), "-Fc", "--no-owner", "--snapshot", snapshot]
                + ["-f", str(target), parse(url)["dbname"]],
                env=libpq_env(url),
                check=True,
                timeout=3600,
            )
    finally:
        conn.rollback()
        conn.close()
    target.with_suffix(".counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True))
    print(f"Dumped {sum(counts.values())} rows in {len(counts)} tables to {target}")
    return target


def verify(url: str, backup: Path, target_name: str | None, keep: bool) -> bool:
    """Restore `backup` into a fresh database, migrate --check it, compare row counts."""
    expected = json.loads(backup.with_suffix(".counts.json").read_text())
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
    name = target_name or f"{parse(url)['dbname']}_restore_{stamp}"
    restored_url = with_database(url, name)
    admin = connect(with_database(url, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        subprocess.run(
            [tool("pg_restore"), "--no-owner", "--exit-on-error", "-d", name, str(backup)],
            env=libpq_env(url),
            check=True,
            timeout=3600,
        )
        env = {**os.environ, "DATABASE_URL": restored_url, "DEBUG": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        migrations = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        conn = connect(restored_url)
        try:
            with conn.cursor() as cursor:
                actual = count_rows(cursor)
        finally:
            conn.close()
    finally:
        if not keep:
            with admin.cursor() as cursor:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.close()

    ok = migrations.returncode == 0
    print(f"Restored into {name}{' (kept)' if keep else ' (dropped afterwards)'}")
    print(f"migrate --check: {'no unapplied migrations' if ok else 'FAILED'}")
    if not ok:
        print(migrations.stdout + migrations.stderr)
    differences = {
        table: (expected.get(table), actual.get(table))
        for table in sorted(set(expected) | set(actual))
        if expected.get(table) != actual.get(table)
    }
    for table, (want, got) in differences.items():
        print(f"row count differs: {table}: dumped {want}, restored {got}")
    print(f"row counts: {len(expected) - len(differences)}/{len(expected)} tables equal, "
          f"{sum(actual.values())} rows restored")  # fmt: skip
    return ok and not differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["dump", "verify", "check"])
    parser.add_argument("file", nargs="?", type=Path, help="the .dump to verify")
    parser.add_argument("--out", type=Path, default=Path("backups"))
    parser.add_argument("--target", help="name of the fresh database to restore into")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to the PostgreSQL database to back up.")
    if args.command == "dump":
        dump(url, args.out)
        return 0
    backup = args.file if args.command == "verify" else dump(url, args.out)
    if backup is None:
        sys.exit("verify needs the .dump file to check.")
    return 0 if verify(url, backup, args.target, args.keep) else 1


if __name__ == "__main__":
    sys.exit(main())
