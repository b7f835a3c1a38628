"""A school's history: who changed what and when, field by field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from schools.history import FieldChange, diff_versions
from schools.models import UpdatedByRole
from schools.views.access import get_school_for_user

PAGE_SIZE = 20
# simple-history's row per editor per version; its reverse accessor is the prefetchable one.
HistoricalEditor = apps.get_model("schools", "HistoricalSchool_editors")
EDITOR_ROWS = HistoricalEditor._meta.get_field("history").remote_field.get_accessor_name()


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: str
    role: str
    kind: str
    changes: list[FieldChange]
    reason: str = ""


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return "the system"
    person = getattr(user, "person", None)
    return person.display_name if person is not None else user.email


def _editors(record: Any) -> list[Any]:
    return [row.person for row in record.editor_rows] if record is not None else []


@login_required
@require_GET
def school_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Newest first, each version against the one before. A fixed number of queries: the count,
    the page's versions plus the one before them, and their editors (prefetched)."""
    school = get_school_for_user(request, slug, action="history")
    records = school.history.select_related(
        "headteacher", "history_user", "history_user__person"
    ).prefetch_related(
        Prefetch(
            EDITOR_ROWS,
            queryset=HistoricalEditor.objects.select_related("person"),
            to_attr="editor_rows",
        )
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    # This page's versions and the one just older, to diff the page's last version against,
    # in one query (the page's own object_list is never evaluated).
    start, end = (page.start_index() - 1, page.end_index()) if page.paginator.count else (0, 0)
    window = list(records[start : end + 1]) if end else []
    roles = dict(UpdatedByRole.choices)
    entries = []
    for index, record in enumerate(window[: end - start]):
        older = window[index + 1] if index + 1 < len(window) else None
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                role=roles.get(record.updated_by_role, ""),
                kind=record.get_history_type_display(),
                changes=diff_versions(
                    older, record, old_editors=_editors(older), new_editors=_editors(record)
                ),
                reason=record.history_change_reason or "",
            )
        )
    context = {"school": school, "page_obj": page, "entries": entries}
    return render(request, "schools/history.html", context)
