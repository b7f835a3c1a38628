"""The schools' history manager: versions written in bulk, with their editors."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from simple_history.manager import HistoryManager
from simple_history.utils import get_change_reason_from_object

from alliance.lib.copying import copy_create


class SchoolHistoryManager(HistoryManager):
    """simple-history's manager, whose bulk writes record each version's editors too.

    The library's bulk_create_with_history and bulk_update_with_history write versions
    without their many-to-many rows, so such a version read as "no editors": the history page
    showed the editors removed by the import and added back by the next save. Each version
    written in bulk gets the editors the school has: two queries however many. The versions
    and their editors are written with COPY on PostgreSQL (alliance.lib.copying), as the
    register import writes every school in England in one go.
    """

    def bulk_history_create(
        self,
        objs,
        batch_size=None,
        update=False,
        default_user=None,
        default_change_reason="",
        default_date=None,
        custom_historical_attrs=None,
    ):
        """As simple-history's (same history type, user, date and change reason)."""
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return None
        tracked = [field.attname for field in self.model.tracked_fields]
        versions = []
        for instance in objs:
            # The attributes as they are: a telephone number is not parsed to be copied.
            values = instance.__dict__
            version = self.model(
                history_date=getattr(instance, "_history_date", default_date or timezone.now()),
                history_user=getattr(
                    instance,
                    "_history_user",
                    default_user or self.model.get_default_history_user(instance),
                ),
                history_change_reason=get_change_reason_from_object(instance)
                or default_change_reason,
                history_type="~" if update else "+",
                **{
                    name: values[name] if name in values else getattr(instance, name)
                    for name in tracked
                },
                **(custom_historical_attrs or {}),
            )
            if hasattr(self.model, "history_relation"):
                version.history_relation_id = instance.pk
            versions.append(version)
        copy_create(versions)
        if not versions:
            return versions
        editors = self.model.instance_type.editors.through.objects.filter(
            school_id__in={version.id for version in versions}
        ).values_list("id", "school_id", "person_id")
        rows_by_school: dict[int, list[tuple[int, int]]] = {}
        for row_id, school_id, person_id in editors:
            rows_by_school.setdefault(school_id, []).append((row_id, person_id))
        HistoricalEditor = self.model.editors.model  # noqa: N806
        copy_create(
            [
                HistoricalEditor(
                    history=version, id=row_id, school_id=version.id, person_id=person_id
                )
                for version in versions
                for row_id, person_id in rows_by_school.get(version.id, [])
            ]
        )
        return versions
