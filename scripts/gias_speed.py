"""Measure import_gias on a generated England-sized extract (50,000 rows).

Usage: python scripts/gias_speed.py [ROWS]. Writes the file and a fresh SQLite database to a
temporary folder (never committed), imports twice (everything new, then nothing changed) and
prints the timings. Set DATABASE_URL to measure on PostgreSQL instead (the database must exist
and be empty; it is migrated first).
"""

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "registers" / "samples" / "edubasealldata_sample.csv"


def generate(path: Path, rows: int) -> None:
    with open(SAMPLE, encoding="cp1252", newline="") as source:
        reader = csv.reader(source)
        header = next(reader)
        templates = list(reader)
    urn, name = header.index("URN"), header.index("EstablishmentName")
    easting, northing = header.index("Easting"), header.index("Northing")
    with open(path, "w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for i in range(rows):
            row = [cell or "Not applicable" for cell in templates[i % len(templates)]]
            row[urn] = f"{100000 + i}"
            row[name] = f"{row[name]} {i}"
            row[easting] = str(140000 + (i * 7919) % 500000)
            row[northing] = str(20000 + (i * 104729) % 600000)
            writer.writerow(row)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as folder:
        extract = Path(folder) / "edubasealldata_generated.csv"
        generate(extract, rows)
        print(f"{rows} rows, {extract.stat().st_size / 1_048_576:.1f} MB")
        env = {**os.environ, "DEBUG": "1"}
        env.setdefault("DATABASE_URL", f"sqlite:///{folder}/speed.sqlite3")
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        for label in ("first import (all new)", "second import (nothing changed)"):
            started = time.monotonic()
            subprocess.run([*manage, "import_gias", str(extract), "--no-progress"], env=env,
                           check=True)  # fmt: skip
            print(f"{label}: {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main()
