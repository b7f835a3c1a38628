"""History that records only what changed: django-simple-history without the empty versions.

simple-history writes a version on every save; a profile saved unchanged (or a row touched only
for a field history leaves out, like `updated_at`) would read as a change nobody made. This
keeps the version only when a recorded field differs from the latest version: one more query
per save of a row that already has history.
"""

from __future__ import annotations

from simple_history.models import HistoricalRecords


class ChangesOnlyHistory(HistoricalRecords):
    """HistoricalRecords that skips a save whose recorded fields all equal the last version.

    `bookkeeping` names recorded fields that alone do not make a change (who saved last).
    """

    def __init__(self, *args, bookkeeping: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.bookkeeping = set(bookkeeping)

    def post_save(self, instance, created, using=None, **kwargs):
        if not created and not kwargs.get("raw", False) and self._unchanged(instance):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _unchanged(self, instance) -> bool:
        names = [
            field.attname
            for field in self.fields_included(instance)
            if field.name not in self.bookkeeping
        ]
        manager = getattr(instance, self.manager_name)
        latest = manager.order_by("-history_date", "-history_id").values(*names).first()
        if latest is None:
            return False
        return all(latest[name] == getattr(instance, name) for name in names)
