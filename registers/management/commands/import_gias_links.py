"""manage.py import_gias_links FILE [--dry-run]: the register's predecessor/successor links."""

from django.core.management.base import BaseCommand, CommandError

from registers.files import CsvFileError, open_text
from registers.links import import_links


class Command(BaseCommand):
    help = "Record predecessor/successor links; successors inherit predecessors' memberships."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        try:
            with open(options["file"], "rb") as binary:
                text, _encoding = open_text(binary)
                report = import_links(text=text, dry_run=options["dry_run"])
        except OSError as error:
            raise CommandError(f"Cannot open {options['file']}: {error.strerror}.") from None
        except CsvFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        for message in report.messages:
            self.stdout.write(f"  {message}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
