"""manage.py backup_alliance FILE: every row of the alliance as a Django fixture.

Restore into a migrated, empty database with `manage.py restore_alliance FILE`. The file holds
personal data: keep it as safe as the database. The format is Django's XML fixture, because
the JSON one rounds timestamps to milliseconds; `.xml.gz`, `.xml.bz2` and `.xml.xz` names are
compressed. On PostgreSQL, `pg_dump --format=custom` is the faster alternative for large
regions.
"""

import re

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Rebuilt by migrate, or throwaway: not part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class Command(BaseCommand):
    help = "Write every row of the alliance (schools, people, partnerships, events...) to FILE."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="e.g. alliance-2026-11-23.xml.gz")

    def handle(self, *args, **options) -> None:
        if not re.search(r"\.xml(\.(gz|bz2|xz|lzma))?$", options["file"]):
            raise CommandError("Name the backup file .xml (or .xml.gz, .xml.bz2, .xml.xz).")
        call_command(
            "dumpdata",
            *[arg for name in EXCLUDED for arg in ("--exclude", name)],
            format="xml",
            natural_foreign=True,
            natural_primary=True,
            output=options["file"],
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Backed up the alliance to {options['file']}."))
