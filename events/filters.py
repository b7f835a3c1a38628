"""The event list's and month view's filters, kept in the URL."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone

from alliance.lib.dates import DateInRangeFilter
from alliance.lib.widgets import DateInput
from alliance.permissions import person_of
from events.models import EventKind, EventQuerySet
from partnerships.filters import name_box
from partnerships.models import NetworkGroup, Partnership


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class EventFilter(django_filters.FilterSet):
    """Partnership, group, kind, a date range and "my events"; the request decides what the
    choices may show (the public sees published partnerships only)."""

    partnership = name_box("Partnership", "filter_partnership")
    group = name_box("Network group", "filter_group")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, empty_label="Any kind")
    date_from = DateInRangeFilter(
        label="From",
        method="filter_date_from",
        widget=DateInput(),
    )
    date_to = DateInRangeFilter(label="To", method="filter_date_to", widget=DateInput())
    mine = django_filters.BooleanFilter(
        label="Only my events", method="filter_mine", widget=forms.CheckboxInput
    )

    def __init__(self, data=None, queryset=None, *, request, dated: bool = True, **kwargs) -> None:
        super().__init__(data, queryset, request=request, **kwargs)
        self.shown_names: dict[str, str] = {}
        if not request.user.is_authenticated:
            del self.filters["mine"]
        if not dated:  # the month view: its month is the date range
            del self.filters["date_from"], self.filters["date_to"]

    def filter_partnership(self, queryset: EventQuerySet, name, value) -> EventQuerySet:
        return queryset.filter(partnership__in=Partnership.objects.named(value))

    def filter_group(self, queryset: EventQuerySet, name, value) -> EventQuerySet:
        return queryset.filter(network_group__in=NetworkGroup.objects.named(value))

    def filter_date_from(self, queryset: EventQuerySet, name, value) -> EventQuerySet:
        return queryset.between(_start_of(value), None) if value else queryset

    def filter_date_to(self, queryset: EventQuerySet, name, value) -> EventQuerySet:
        if not value:
            return queryset
        return queryset.between(None, _start_of(value + datetime.timedelta(days=1)))

    def filter_mine(self, queryset: EventQuerySet, name, value) -> EventQuerySet:
        if not value:
            return queryset
        return queryset.for_person(person_of(self.request.user))

    def scope(self) -> tuple[NetworkGroup | None, Partnership | None]:
        """The one group, or else the one partnership, that the filters name (for its feed and
        planner links, and to show its name where the URL carries its slug or id), or None
        where they name none or several. One query, once per page."""
        if not hasattr(self, "_scope"):
            self._scope = self._find_scope()
        return self._scope

    def _find_scope(self) -> tuple[NetworkGroup | None, Partnership | None]:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        user = self.request.user
        if data.get("group"):
            groups = NetworkGroup.objects.visible_to(user).named(data["group"])
            if data.get("partnership"):
                named = Partnership.objects.named(data["partnership"])
                groups = groups.filter(partnership__in=named)
            return _only_one(groups.select_related("partnership")), None
        if data.get("partnership"):
            return None, _only_one(Partnership.objects.visible_to(user).named(data["partnership"]))
        return None, None

    def show_names(self) -> None:
        """Where the URL names the partnership or group by its slug or id (as links carry
        them), the box and the tag show its name instead (from the scope's one query)."""
        group, partnership = self.scope()
        if group is not None:
            partnership = group.partnership
        data = self.form.cleaned_data if self.form.is_valid() else {}
        shown = {}
        for name, row in (("group", group), ("partnership", partnership)):
            value = (data.get(name) or "").strip()
            if row is not None and value in (str(row.pk), row.slug):
                shown[name] = row.name
        self.shown_names = shown  # the tags (the filters still read the slug or id)
        if shown:
            self.form.data = self.form.data.copy()
            for name, value in shown.items():
                self.form.data[name] = value  # the box

    def is_dated(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return bool(data.get("date_from") or data.get("date_to"))


def _only_one(queryset):
    found = list(queryset[:2])
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class FilterTag:
    label: str
    value: str
    remove_query: str

    @property
    def remove_url(self) -> str:
        return f"?{self.remove_query}"


def filter_tags(filterset: EventFilter) -> list[FilterTag]:
    """One removable tag per filter in use; each links to the same page without it."""
    if not filterset.form.is_valid():
        return []
    tags = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", False):
            continue
        field = filterset.form.fields[name]
        if name == "kind":
            shown = EventKind(value).label
        elif isinstance(value, str):  # a partnership or group: its name, or as typed
            shown = filterset.shown_names.get(name, value)
        elif isinstance(value, datetime.date):
            shown = value.strftime("%-d %b %Y")
        else:
            shown = "yes"
        remaining = (
            filterset.data.copy()
            if isinstance(filterset.data, QueryDict)
            else QueryDict(mutable=True)
        )
        remaining.pop(name, None)
        remaining.pop("page", None)
        tags.append(FilterTag(str(field.label), shown, remaining.urlencode()))
    return tags


def query_without_page(data: QueryDict) -> str:
    """The filters in the URL, for pagination and view-switch links to keep them."""
    kept = data.copy()
    kept.pop("page", None)
    return kept.urlencode()
