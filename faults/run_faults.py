"""The fault run: break the portal on purpose under load and check what users and data saw.

    python -m faults.run_faults [--json report.json]

It builds a throwaway PostgreSQL cluster (never the machine's shared server), serves the
portal with gunicorn on two loopback ports (two app servers, one database, sessions in Redis
when it answers) with production settings and `loadtest.settings` (the portal plus the fault
views), signs in with the load accounts (loadtest.data), then:

1. static: hashed, compressed static files with far-future caching from gunicorn.
2. two servers: signed in on one app server, the other knows the session and takes a
   registration in it.
3. fail after write: a view that registers through the real service, then fails, leaves
   nothing behind.
4. worker timeout: a request that registers, then outlives the worker timeout, is killed and
   its write (seen uncommitted while it hangs) rolled back while the other workers keep
   serving the load.
5. database outage: PostgreSQL crashes (`pg_ctl stop -m immediate`) mid-load and comes back:
   only clean 503 pages while it is down, none after, no new workers, /readyz follows it;
   writers register and cancel on the real pages throughout, and each one's last answer
   matches the database.
6. invariants in SQL: confirmed registrations never exceed capacity, nobody waits while a
   place is free, every membership has its school, every registration its person and event;
   no transaction left open.

Prints one line per check and a summary of what each fault did; exit code 1 if a check failed.
Bounded: every wait has a deadline, the whole run takes about two minutes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from faults.scenarios import (
    Report,
    check_invariants,
    scenario_database_outage,
    scenario_fail_after_write,
    scenario_static,
    scenario_two_servers,
    scenario_worker_timeout,
)
from loadtest.harness import (
    Gunicorn,
    PrivatePostgres,
    forget_cache,
    manage,
    prepare_database,
    server_env,
)


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8107, help="app server A")
    parser.add_argument("--second-port", type=int, default=8108, help="app server B")
    parser.add_argument("--pg-port", type=int, default=8191)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-timeout", type=int, default=5)
    parser.add_argument("--down-seconds", type=float, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    report = Report()
    work = Path(tempfile.mkdtemp(prefix="alliance-faults-"))
    cluster = PrivatePostgres(port=args.pg_port)
    cache_url = "redis://127.0.0.1:6379/0" if redis_answers() else ""
    report.fact("setup", cache=cache_url or "none (Redis not answering): database sessions")
    servers: list[Gunicorn] = []
    cache_prefix = f"alliance-faults-{args.port}-{int(time.time())}"
    started = time.monotonic()
    try:
        cluster.create()
        env = server_env(
            cluster.url(),
            work / "static",
            WEB_CONCURRENCY=str(args.workers),
            GUNICORN_TIMEOUT=str(args.worker_timeout),
            GUNICORN_MAX_REQUESTS="0",  # no planned recycling: every boot in the log is a fault
            CACHE_URL=cache_url,
            CACHE_KEY_PREFIX=cache_prefix,
        )
        print(f"Preparing a private PostgreSQL cluster on port {args.pg_port} ...", flush=True)
        prepare_database(env)
        targets = json.loads(
            manage(
                "shell", "-c", "from loadtest.data import print_targets; print_targets()", env=env
            )
            .strip()
            .splitlines()[-1]
        )
        for port in (args.port, args.second_port):
            servers.append(Gunicorn(port=port, env=env, log=work / f"gunicorn-{port}.log").start())
        a, b = servers
        print(f"Servers on {a.base_url} and {b.base_url}", flush=True)
        scenario_static(a, report)
        scenario_two_servers(a, b, targets, report)
        scenario_fail_after_write(a, cluster, targets, report)
        scenario_worker_timeout(a, cluster, targets, args.worker_timeout, report)
        scenario_database_outage(a, cluster, targets, args.down_seconds, report)
        time.sleep(1)  # let PostgreSQL notice the client of a killed worker has gone
        check_invariants(cluster, report)
    except Exception as error:  # a run that cannot finish is a failed run, said plainly
        report.check("run", "the fault run completed", False, f"{type(error).__name__}: {error}")
    finally:
        for server in servers:
            server.stop()
        cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)
        forget_cache(cache_url, cache_prefix)
    report.fact("setup", seconds=round(time.monotonic() - started, 1))
    print("\nWhat each fault did:")
    for scenario, facts in report.facts.items():
        print(f"  {scenario}: " + "; ".join(f"{k} = {v}" for k, v in facts.items()))
    print(f"\n{'PASSED' if report.passed else 'FAILED'}: "
          f"{sum(c['passed'] for c in report.checks)}/{len(report.checks)} checks")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
