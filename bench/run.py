"""Measure the portal at national scale: server time, SQL, page weight and throughput.

    python bench/run.py                 # scale 1: 25,000 schools, 500,000 people...
    python bench/run.py --scale 0.01    # the same, small (CI runs this so it never rots)

Builds the synthetic database once on PostgreSQL (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/alliance_bench_<scale>) and reuses it across runs. For each
page: server time p50/p95 over --requests requests in process through the full middleware
stack, SQL queries and SQL time, HTML bytes raw and gzipped; then each page's throughput under
--connections connections on gunicorn (wrk), as a ratio of the trivial view's. Prints a table
and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import print_table  # noqa: E402

BENCH_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
    # Building the national data set runs long statements; pages never come near this.
    "DB_STATEMENT_TIMEOUT_MS": "900000",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--duration", type=int, default=3, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data even if present")
    parser.add_argument("--skip-load", action="store_true", help="skip the gunicorn/wrk part")
    parser.add_argument("--json", type=Path, default=None)
    return parser.parse_args()


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _local_redis() -> str | None:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/3"


def setup(args) -> str:
    scale_name = str(args.scale).replace(".", "_")
    url = os.environ.get(
        "DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/alliance_bench_{scale_name}"
    )
    if not url.startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    ensure_database(url)
    os.environ.update(BENCH_ENV)
    # Production runs with CACHE_URL (sessions read from Redis, see alliance/settings.py): so
    # does the benchmark when a Redis answers on this machine; it says which in the table.
    os.environ.setdefault("CACHE_URL", _local_redis() or "")
    os.environ.setdefault("CACHE_KEY_PREFIX", "alliance-bench")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "alliance.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    return url


def prepare_data(args) -> dict:
    from accounts.models import User
    from bench import national
    from people.models import Person

    if args.rebuild or not national.is_built(args.scale):
        print(f"Building the synthetic database at scale {args.scale} ...", file=sys.stderr)
        started = time.perf_counter()
        national.build(args.scale)
        print(f"Built in {time.perf_counter() - started:.0f}s.", file=sys.stderr)
    person = Person.objects.order_by("pk").first()
    user, _ = User.objects.get_or_create(email="bench@example.org")
    if person.user_id != user.pk:
        Person.objects.filter(user=user).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    conference = national.conference_programme(person)
    return {"user": user, "person": person, "conference": conference}


def scenarios(fixtures: dict) -> list[tuple[str, str, bool]]:
    """(label, url, signed in) for every page measured."""
    from django.db.models import Count
    from django.templatetags.static import static
    from django.utils import timezone

    from events.models import Event
    from partnerships.models import Partnership
    from people.models import Person, RoleType, Specialism
    from schools.models import School

    school = School.objects.filter(is_published=True).order_by("pk")[100 % School.objects.count()]
    person = Person.objects.order_by("pk")[50]
    partnership = Partnership.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    rare = Person.objects.order_by("-pk").first()
    schools_last = max(School.objects.count() // 25, 1)
    people_page = min(2000, max(Person.objects.count() // 25, 1))
    sle = RoleType.objects.filter(name="Specialist Leader of Education").first()
    # The role the most people hold: a filter the directory cannot answer from a short list.
    common_role = (
        RoleType.objects.annotate(holders=Count("assignments")).order_by("-holders", "pk").first()
    )
    maths = Specialism.objects.filter(name="Maths").first()
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    conference = fixtures["conference"]
    # The full workshop its member presents: who chose it, confirmed and waiting.
    session = conference.slots.order_by("starts_at")[0].sessions.order_by("pk")[0]
    pages = [
        ("trivial view", "/healthz", False),
        # The same view with a session: what signing in costs before a page does anything (the
        # session read from the cache, the user and profile from the database, the middleware
        # that checks both). Every signed-in row below pays it.
        ("trivial view", "/healthz", True),
        ("static CSS", static("css/site.css"), False),
        ("home", "/", False),
        ("home", "/", True),
        ("schools", "/schools/", False),
        ("schools", "/schools/", True),
        ("schools filtered", "/schools/?phase=primary", False),
        ("schools filtered", "/schools/?phase=primary", True),
        ("schools searched", f"/schools/?q={school.town}", False),
        ("schools searched", f"/schools/?q={school.town}", True),
        ("schools last page", f"/schools/?page={schools_last}", False),
        ("schools last page", f"/schools/?page={schools_last}", True),
        ("school page", school.get_absolute_url(), False),
        ("school page", school.get_absolute_url(), True),
        ("people", "/people/", True),
        ("people searched", "/people/?q=Patel", True),
        ("people filtered", f"/people/?role={sle.slug}&specialism={maths.slug}", True),
        ("people by role", f"/people/?role={common_role.slug}", True),
        ("people page 2,000", f"/people/?page={people_page}", True),
        ("person page", person.get_absolute_url(), True),
        ("partnership page", partnership.get_absolute_url(), False),
        ("partnership page", partnership.get_absolute_url(), True),
        ("events", "/events/", False),
        ("events", "/events/", True),
        ("events month", f"/events/calendar/?month={month}", False),
        ("events month", f"/events/calendar/?month={month}", True),
        ("search common", "/search/?q=primary", True),
        ("search common", "/search/?q=primary", False),
        ("search rare", f"/search/?q={rare.last_name}+{rare.first_name}", True),
        ("search rare", f"/search/?q={rare.last_name}+{rare.first_name}", False),
        ("search two terms", "/search/?q=maths+sle", True),
        ("search two terms", "/search/?q=maths+sle", False),
        ("search typo", "/search/?q=mathss", True),
        ("search typo", "/search/?q=mathss", False),
        ("event page", event.get_absolute_url(), False),
        ("event page", event.get_absolute_url(), True),
        ("notification settings", "/notifications/settings/", True),
        ("programme page", f"/programme/event/{conference.pk}/", False),
        ("programme page", f"/programme/event/{conference.pk}/", True),
        ("session page", session.get_absolute_url(), True),
        ("timetable", "/programme/mine/", True),
    ]
    return pages


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def measure(url: str, client, requests: int) -> dict:
    from django.db import connection

    sql = {"count": 0, "time": 0.0}

    def count(execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            sql["count"] += 1
            sql["time"] += time.perf_counter() - started

    response = client.get(url)  # warm up caches and connections
    times = []
    with connection.execute_wrapper(count):
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {
        "status": response.status_code,
        "p50_ms": percentile(times, 50) * 1000,
        "p95_ms": percentile(times, 95) * 1000,
        "queries": sql["count"] / requests,
        "sql_ms": sql["time"] / requests * 1000,
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body)),
        "body": body,
    }


def first_load(html: bytes, client) -> dict:
    """Bytes (gzipped) of a page plus the CSS and JS it loads, and any third-party request."""
    text = html.decode("utf-8", "replace")
    assets = re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+)"', text)
    third_party = [a for a in assets if a.startswith(("http://", "https://", "//"))]
    total = len(gzip.compress(html))
    for asset in assets:
        if asset in third_party:
            continue
        response = client.get(asset)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        total += len(gzip.compress(body))
    return {"first_load_gzip_bytes": total, "third_party": third_party}


def yardstick() -> float:
    """Milliseconds for a fixed piece of pure-Python work (the best of five): how fast this
    machine runs Python at the moment, to read one run's milliseconds against another's."""
    from django.template import Context, Engine

    template = Engine().from_string(
        "{% for row in rows %}<tr><td>{{ row.name|title }}</td><td>{{ row.n }}</td></tr>"
        "{% endfor %}"
    )
    context = Context({"rows": [{"name": f"school {n}", "n": n} for n in range(200)]})
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(20):
            template.render(context)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load(pages, cookie: str, args) -> dict[str, float]:
    """Requests/s under load for each page on gunicorn, measured with wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is not installed (apt-get install wrk): throughput skipped.", file=sys.stderr)
        return {}
    port = free_port()
    # The production configuration (deploy/gunicorn.conf.py: 2 x cores + 1 synchronous
    # workers, the access log written), the log to /dev/null rather than into the table, and
    # no worker recycling: at thousands of requests a second it would restart a worker every
    # second and measure the restarts.
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        # The socket is bound before the workers have booted: wait for answers, then warm
        # every worker up before the first measurement.
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        subprocess.run(
            [wrk, "-t2", f"-c{args.connections}", "-d2s", f"http://127.0.0.1:{port}/healthz"],
            capture_output=True,
            timeout=60,
        )
        rates = {}
        for label, url, signed_in in pages:
            command = [
                wrk,
                "-t2",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--latency",
                f"http://127.0.0.1:{port}{url}",
            ]
            if signed_in:
                command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
            output = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
            match = re.search(r"Requests/sec:\s+([\d.]+)", output)
            rates[(label, signed_in)] = float(match.group(1)) if match else 0.0
        return rates
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    args = parse_args()
    setup(args)
    from django.conf import settings
    from django.test import Client

    fixtures = prepare_data(args)
    anonymous = Client()
    member = Client()
    member.force_login(fixtures["user"])
    pages = scenarios(fixtures)

    rows = []
    for label, url, signed_in in pages:
        # The machine's speed is read again beside every page: on a machine other work shares,
        # it changes within a run, and each page is judged against the speed it ran at.
        speed = yardstick()
        result = measure(url, member if signed_in else anonymous, args.requests)
        result["yardstick_ms"] = speed
        body = result.pop("body")
        rows_extra = first_load(body, anonymous) if label == "home" and not signed_in else {}
        rows.append({"page": label, "url": url, "signed_in": signed_in, **result, **rows_extra})
        print(f"  measured {label} ({'member' if signed_in else 'public'})", file=sys.stderr)

    rates = {} if args.skip_load else load(pages, member.cookies["sessionid"].value, args)
    baseline = rates.get(("trivial view", False)) or None
    for row in rows:
        rate = rates.get((row["page"], row["signed_in"]))
        row["req_per_s"] = rate
        row["throughput_ratio"] = rate / baseline if rate and baseline else None

    speed = yardstick()
    print_table(rows, args, speed)
    out = args.json or ROOT / "bench" / "results" / f"scale-{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "scale": args.scale,
                "cpus": os.cpu_count(),
                "public_page_cache_seconds": settings.PUBLIC_PAGE_CACHE_SECONDS,
                "yardstick_ms": speed,
                "rows": rows,
            },
            indent=2,
        )
    )
    print(f"\nJSON written to {out}")
    failed = [r for r in rows if r["status"] != 200]
    if failed:
        sys.exit(f"Pages that did not answer 200: {[(r['page'], r['status']) for r in failed]}")


if __name__ == "__main__":
    main()
