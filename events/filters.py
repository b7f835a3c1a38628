"""The event list's and month view's filters, kept in the URL."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone

from alliance.permissions import person_of
from events.models import EventKind, EventQuerySet
from partnerships.models import NetworkGroup, Partnership


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class EventFilter(django_filters.FilterSet):
    """Partnership, group, kind, a date range and "my events"; the request decides what the
    choices may show (the public sees published partnerships only)."""

    partnership = django_filters.ModelChoiceFilter(
        queryset=Partnership.objects.none(), empty_label="Any partnership"
    )
    group = django_filters.ModelChoiceFilter(
        field_name="network_group",
        queryset=NetworkGroup.objects.none(),
        label="Network group",
        empty_label="Any group",
    )
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, empty_label="Any kind")
    date_from = django_filters.DateFilter(
        label="From",
        method="filter_date_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label="To", method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    mine = django_filters.BooleanFilter(
        label="Only my events", method="filter_mine", widget=forms.CheckboxInput
    )

    def __init__(self, data=None, queryset=None, *, request, **kwargs) -> None:
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user
        self.filters["partnership"].queryset = Partnership.objects.visible_to(user)
        self.filters["group"].queryset = NetworkGroup.objects.filter(
            partnership__in=Partnership.objects.visible_to(user)
        ).select_related("partnership")
        self.form.fields["group"].label_from_instance = lambda g: f"{g.partnership.name}: {g}"
        if not user.is_authenticated:
            del self.filters["mine"]
            del self.form.fields["mine"]

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

    def is_dated(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return bool(data.get("date_from") or data.get("date_to"))


@dataclass(frozen=True)
class FilterTag:
    label: str
    value: str
    remove_query: str


def filter_tags(filterset: EventFilter) -> list[FilterTag]:
    """One removable tag per filter in use; each links to the same page without it."""
    if not filterset.form.is_valid():
        return []
    tags = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", False):
            continue
        field = filterset.form.fields[name]
        if hasattr(field, "label_from_instance"):
            shown = field.label_from_instance(value)
        elif name == "kind":
            shown = EventKind(value).label
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
