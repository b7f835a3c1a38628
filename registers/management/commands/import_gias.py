"""manage.py import_gias FILE [--urn URN ...] [--la CODE_OR_NAME ...] [--dry-run]"""

from __future__ import annotations

import os
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from registers.files import CsvFileError, open_text
from registers.importer import import_register
from registers.structure import FileRefused


class Command(BaseCommand):
    help = (
        "Create or update schools from the public register's establishment extract "
        "(edubasealldataYYYYMMDD.csv), never overwriting what a school wrote itself."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The establishment extract, UTF-8 or Windows-1252.")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--urn", nargs="+", default=[], help="Only these URNs.")
        scope.add_argument(
            "--la", nargs="+", default=[], help="Only these local authorities (code or name)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options) -> None:
        path = options["file"]
        try:
            binary = open(path, "rb")  # noqa: SIM115 - closed below, after the import.
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}.") from None
        size = os.path.getsize(path) or 1
        started = time.monotonic()
        show = not options["no_progress"]

        def progress(stage: str, rows: int, total: int | None) -> None:
            if show:
                done = min(binary.tell() / size if total is None else rows / total, 1.0)
                bar = "#" * int(done * 40)
                elapsed = time.monotonic() - started
                sys.stderr.write(f"\r{stage:<8} [{bar:<40}] {done:4.0%} {elapsed:5.1f}s")
                sys.stderr.flush()

        try:
            text, encoding = open_text(binary)
            report = import_register(
                text=text,
                dry_run=options["dry_run"],
                urns=options["urn"],
                las=options["la"],
                progress=progress,
            )
        except FileRefused as error:
            if show:
                sys.stderr.write("\n")
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"{path}: nothing was imported; {len(error.problems)} problem(s):\n{lines}"
            ) from None
        except CsvFileError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        finally:
            binary.close()
        if show:
            sys.stderr.write("\n")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Read {path} as {encoding} in {elapsed:.1f}s.")
        for row in report.blanking:
            for name, old in row.blanked:
                self.stdout.write(
                    f"  line {row.line}: URN {row.urn}: {name} {old!r} emptied (the register "
                    "has no value)"
                )
        for row in report.rows:
            if row.kept and options["verbosity"] > 1:
                kept = ", ".join(row.kept)
                self.stdout.write(f"  URN {row.urn}: kept the school's own {kept}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
