"""manage.py restore_alliance FILE: load a backup_alliance file into an empty database."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from accounts.models import User
from schools.models import School


class Command(BaseCommand):
    help = "Restore a backup made by backup_alliance into a migrated, empty database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        if School.objects.exists() or User.objects.exists():
            raise CommandError(
                "This database already holds an alliance. Restore into an empty database "
                "(migrate a new one, or `manage.py flush` this one first)."
            )
        # The backup holds the history rows themselves; loading the schools' editors must not
        # write new ones (simple_history records m2m changes even when rows load raw).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", options["file"], verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored the alliance from {options['file']}."))
