import sys

from django.core.management.base import BaseCommand

from search.index import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index from scratch (after bulk loads or a restore)."

    def handle(self, *args, **options) -> None:
        def progress(kind: str, total: int) -> None:
            if sys.stdout.isatty():
                self.stdout.write(f"\r{total:>9,} documents ({kind})", ending="")

        total = reindex_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"\nIndexed {total:,} documents."))
