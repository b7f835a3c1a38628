"""Drive the load mix against gunicorn on loopback and print requests/s, p50/p95/p99, errors.

    python -m loadtest.run_load                      # a private PostgreSQL cluster, 3 steps
    python -m loadtest.run_load --users 5,10 --run-time 20
    python -m loadtest.run_load --database-url postgres://postgres@127.0.0.1:5432/alliance_x

Without --database-url it builds a throwaway PostgreSQL cluster (initdb) on --pg-port and
deletes it afterwards. Each step runs locust headless for --run-time seconds or
--max-requests requests, whichever comes first. Exit code 1 when any step had an error.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from loadtest.harness import (
    ROOT,
    Gunicorn,
    PrivatePostgres,
    forget_cache,
    manage,
    prepare_database,
    server_env,
)


@dataclass
class StepResult:
    users: int
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    rows: list[dict]
    errors: list[str]

    def line(self) -> str:
        return (
            f"users={self.users:<3} requests={self.requests:<6} req/s={self.rps:7.1f} "
            f"p50={self.p50:5.0f}ms p95={self.p95:5.0f}ms p99={self.p99:5.0f}ms "
            f"errors={self.failures}"
        )


def run_step(base_url: str, targets: Path, users: int, run_time: int, max_requests: int,
             work: Path, extra_env: dict[str, str]) -> StepResult:  # fmt: skip
    prefix = work / f"step-{users}"
    env = {
        **server_env("", work),
        **extra_env,
        "LOAD_TARGETS": str(targets),
        "LOAD_MAX_REQUESTS": str(max_requests),
    }
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py")]
        + ["--headless", "--host", base_url, "-u", str(users), "-r", str(max(users, 1))]
        + ["--run-time", f"{run_time}s", "--stop-timeout", "5", "--csv", str(prefix)]
        + ["--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=run_time + 90,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(f"{prefix}_failures.csv", newline="") as handle:
        errors = [f"{r['Occurrences']} x {r['Method']} {r['Name']}: {r['Error']}"
                  for r in csv.DictReader(handle)]  # fmt: skip
    total = next(row for row in rows if row["Name"] == "Aggregated")

    def number(row: dict, key: str) -> float:
        value = row[key]
        return float(value) if value not in ("", "N/A") else 0.0

    return StepResult(
        users=users,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        rps=number(total, "Requests/s"),
        p50=number(total, "50%"),
        p95=number(total, "95%"),
        p99=number(total, "99%"),
        rows=[row for row in rows if row["Name"] != "Aggregated"],
        errors=errors,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an existing, empty or demo database")
    parser.add_argument("--pg-port", type=int, default=8190)
    parser.add_argument("--port", type=int, default=8007)
    parser.add_argument("--workers", type=int, default=0, help="0: gunicorn's config decides")
    parser.add_argument("--users", default="5,10,20", help="concurrent users for each step")
    parser.add_argument("--run-time", type=int, default=20, help="seconds per step (max 300)")
    parser.add_argument("--max-requests", type=int, default=20000, help="per step")
    parser.add_argument("--cache-url", default="", help="e.g. redis://127.0.0.1:6379/1")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    run_time = min(args.run_time, 300)

    work = Path(tempfile.mkdtemp(prefix="alliance-load-"))
    cluster = None
    if args.database_url:
        database_url = args.database_url
    else:
        cluster = PrivatePostgres(port=args.pg_port).create()
        database_url = cluster.url()
    extra = {"CACHE_URL": args.cache_url, "CACHE_KEY_PREFIX": f"alliance-load-{args.port}"}
    if args.workers:
        extra["WEB_CONCURRENCY"] = str(args.workers)
    env = server_env(database_url, work / "static", **extra)
    server = Gunicorn(port=args.port, env=env, log=work / "gunicorn.log")
    results: list[StepResult] = []
    try:
        print(f"Preparing the database ({database_url}) ...", flush=True)
        prepare_database(env)
        targets = work / "targets.json"
        targets.write_text(
            manage(
                "shell", "-c", "from loadtest.data import print_targets; print_targets()", env=env
            )
            .strip()
            .splitlines()[-1]  # fmt: skip
        )
        server.start()
        print(f"gunicorn on {server.base_url}; {run_time}s or {args.max_requests} requests a step")
        for users in [int(u) for u in args.users.split(",")]:
            result = run_step(server.base_url, targets, users, run_time, args.max_requests, work,
                              extra)  # fmt: skip
            results.append(result)
            print(result.line(), flush=True)
            for row in result.rows:
                print(f"    {row['Name']:<40} n={row['Request Count']:<5} p50={row['50%']:>5}ms "
                      f"p95={row['95%']:>5}ms errors={row['Failure Count']}")  # fmt: skip
            for error in result.errors:
                print(f"    error: {error}")
    finally:
        server.stop()
        if cluster is not None:
            cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)
        forget_cache(args.cache_url, extra["CACHE_KEY_PREFIX"])
    clean = [r for r in results if r.failures == 0]
    if clean:
        best = max(clean, key=lambda r: r.rps)
        print(f"Held with zero errors: {best.rps:.1f} req/s at p95 {best.p95:.0f}ms "
              f"({best.users} users)")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=2))
    return 0 if results and all(r.failures == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
