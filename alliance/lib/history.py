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

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        """Record the rows on the history's side when the change comes from the other side.

        simple-history records `instance` whichever side it is on, so a group's members
        changed from the person (`person.network_groups.clear()`) would be written as a
        version of the person, with the group's fields. Each group changed gets its version.
        """
        if action in ("post_add", "post_remove") and not pk_set:
            return None  # Added what was there, or removed what was not: nothing changed.
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action == "pre_clear":
            field = getattr(kwargs["model"], attr).field
            related = getattr(instance, field.remote_field.get_accessor_name())
            instance._history_cleared = list(related.values_list("pk", flat=True))
            return None
        if action == "post_clear":
            pk_set = instance.__dict__.pop("_history_cleared", [])
        elif action not in ("post_add", "post_remove"):
            return None
        for row in kwargs["model"]._default_manager.filter(pk__in=pk_set or []):
            super().m2m_changed(row, action, attr, pk_set, False, **kwargs)
        return None

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
