"""Time the register import at national scale: every school in England, by command.

    python bench/imports.py                  # 25,000 schools
    python bench/imports.py --schools 2500   # a quicker look

Builds an England-sized establishment extract from the register's sample rows (fictitious
URNs from 900000), then on a fresh PostgreSQL database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/alliance_bench_import, dropped and created again) times
`manage.py import_gias` three times: the first import into an empty alliance, a re-import of
the same file (nothing changes) and a re-import where one school in ten has new figures (the
monthly refresh). Each import includes the structural checks, the history rows and the bulk
search indexing. Targets (docs/benchmark.md): first import < 60 s and re-import < 15 s at a
machine yardstick of 35 ms or less, scaled by the yardstick above it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import BENCH_ENV, yardstick  # noqa: E402

FIRST_TARGET_S = 60.0
REIMPORT_TARGET_S = 15.0
TARGET_YARDSTICK_MS = 35.0
SAMPLE = ROOT / "registers" / "samples" / "edubasealldata_sample.csv"


def fresh_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alliance_bench_import")
    if not url.startswith("postgres"):
        sys.exit("The import benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    fresh_database(url)
    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "alliance.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def refreshed(sample: bytes, schools: int) -> tuple[bytes, bytes]:
    """The national file, and the same file with new pupil numbers for one school in ten."""
    from tests.registers.damaged import as_csv, national, rows_of

    first = national(sample, schools)
    rows = rows_of(first)
    pupils = rows[0].index("NumberOfPupils")
    for row in rows[1::10]:
        row[pupils] = str(int(row[pupils] or 0) + 7)
    return first, as_csv(rows).encode("cp1252")


def timed_import(path: Path) -> tuple[float, str]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_gias", str(path), "--no-progress", stdout=out)
    elapsed = time.perf_counter() - started
    summary = out.getvalue().strip().splitlines()[-1]
    return elapsed, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=25_000)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    url = setup()
    first, changed = refreshed(SAMPLE.read_bytes(), args.schools)
    work = ROOT / "bench" / "results"
    work.mkdir(parents=True, exist_ok=True)
    (work / "national-extract.csv").write_bytes(first)
    (work / "national-extract-refreshed.csv").write_bytes(changed)

    speed = yardstick()
    scale = max(speed / TARGET_YARDSTICK_MS, 1.0) * args.schools / 25_000
    runs = [
        ("first import", work / "national-extract.csv", FIRST_TARGET_S),
        ("re-import, unchanged", work / "national-extract.csv", REIMPORT_TARGET_S),
        ("re-import, 1 in 10 changed", work / "national-extract-refreshed.csv", REIMPORT_TARGET_S),
    ]
    print(f"Register import, {args.schools:,} schools, on {url.rsplit('@', 1)[-1]}")
    print(f"yardstick {speed:.1f} ms (targets scaled x{scale:.2f})\n")
    print(f"{'run':<28} {'seconds':>8} {'target':>8}  verdict  summary")
    results = []
    for name, path, target in runs:
        elapsed, summary = timed_import(path)
        bound = target * scale
        verdict = "ok" if elapsed <= bound else "over"
        print(f"{name:<28} {elapsed:8.1f} {bound:8.1f}  {verdict:<7}  {summary}")
        results.append(
            {"run": name, "seconds": round(elapsed, 2), "target_s": round(bound, 1), "ok": verdict}
        )
    out = args.json or work / f"imports-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps({"schools": args.schools, "yardstick_ms": speed, "runs": results}))
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
