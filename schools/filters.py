"""The school directory's filters, search and sort (django-filter), shared by page and CSV."""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.http import QueryDict

from alliance.lib.querystring import query_without
from partnerships.filters import name_box
from partnerships.models import Partnership
from schools.feeders import FeederLink
from schools.models import Designation, EstablishmentType, OfstedGrade, Phase, School, Status
from schools.nearby import near_queryset, resolve_place

# Sort keys offered to users -> ORDER BY. The id breaks ties so pages never overlap. Never by
# Ofsted grade: the portal does not rank schools by it.
SORTS = {
    "name": ("Name (A to Z)", [F("name").asc(), F("id").asc()]),
    "-name": ("Name (Z to A)", [F("name").desc(), F("id").asc()]),
    "town": ("Town", [F("town").asc(), F("name").asc(), F("id").asc()]),
    "pupils": (
        "Pupils (fewest first)",
        [F("pupils_on_roll").asc(nulls_last=True), F("name").asc(), F("id").asc()],
    ),
    "-pupils": (
        "Pupils (most first)",
        [F("pupils_on_roll").desc(nulls_last=True), F("name").asc(), F("id").asc()],
    ),
}


NEAR_DISTANCES = [1, 2, 5, 10, 20]
DEFAULT_NEAR_KM = 5


class SchoolFilter(django_filters.FilterSet):
    """Filters by what a school is. Built per request: the choices depend on the user."""

    q = django_filters.CharFilter(
        label="Search by name, town, URN or postcode", method="filter_search"
    )
    phase = django_filters.ChoiceFilter(choices=Phase.choices, empty_label="Any phase")
    establishment_type = django_filters.ChoiceFilter(
        label="Type", choices=EstablishmentType.choices, empty_label="Any type"
    )
    # Text boxes, not menus: a region has hundreds of authorities, thousands of towns and
    # partnerships, and a page that lists them all is heavy to send and to read.
    local_authority = django_filters.CharFilter(label="Local authority", lookup_expr="istartswith")
    town = django_filters.CharFilter(label="Town", lookup_expr="istartswith")
    partnership = name_box("Partnership", "filter_partnership")
    feeds = name_box("Feeds (a secondary school's name or URN)", "filter_feeds")
    ofsted_grade = django_filters.ChoiceFilter(
        label="Ofsted grade (before September 2024)",
        choices=OfstedGrade.choices,
        empty_label="Any grade",
    )
    designation = django_filters.ChoiceFilter(
        choices=[c for c in Designation.choices if c[0]], empty_label="Any designation"
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any status")
    closed = django_filters.ChoiceFilter(
        label="Closed schools",
        choices=[("shown", "Shown")],
        empty_label="Hidden",
        method="filter_closed",
    )
    near = django_filters.CharFilter(
        label="Near (a school's URN, or latitude,longitude)", method="filter_near"
    )
    within = django_filters.ChoiceFilter(
        label="Within",
        choices=[(str(km), f"{km} km") for km in NEAR_DISTANCES],
        method="filter_within",
        empty_label=f"{DEFAULT_NEAR_KM} km",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = School
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs) -> None:
        super().__init__(data, queryset, request=request, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
        # What `near` named when it names no school or place the directory knows (set by qs).
        self.unknown_place = ""

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_partnership(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.in_partnership(
            Partnership.objects.visible_to(self.request.user).named(value)
        )

    def filter_feeds(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The schools that feed the named school ("schools that feed Kingsway")."""
        value = value.strip()
        named = School.objects.filter(Q(slug=value) | Q(urn=value) | Q(name__icontains=value))
        links = FeederLink.objects.filter(receiver__in=named.values("pk"))
        return queryset.filter(pk__in=links.values("feeder"))

    def filter_near(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        km = float(self.form.cleaned_data.get("within") or DEFAULT_NEAR_KM)
        place = resolve_place(value)
        if place is None:
            self.unknown_place = value.strip()
            return queryset.none()
        return near_queryset(queryset, place, km)

    def filter_within(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # Read by filter_near: a distance alone filters nothing.

    def filter_closed(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # Applied in `qs`: hiding closed schools is the default.

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # Applied last, in `qs`, so it holds with or without this parameter.

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound else {}
        # Closed schools are hidden unless asked for, or the status asked for is "closed".
        if not data.get("closed") and data.get("status") != Status.CLOSED:
            queryset = queryset.exclude(status=Status.CLOSED)
        sort = data.get("sort")
        return queryset.order_by(*SORTS.get(sort or "name", SORTS["name"])[1])


@dataclass(frozen=True)
class FilterTag:
    label: str
    value: str
    remove_url: str


def filter_tags(filterset: SchoolFilter, params: QueryDict) -> list[FilterTag]:
    """A removable tag for each filter in use: its label, its value, and the URL without it."""
    if not filterset.is_bound:
        return []
    filterset.form.is_valid()  # Tags for the valid filters; the form shows the others' errors.
    tags = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "sort" or value in (None, ""):
            continue
        field = filterset.form.fields[name]
        if hasattr(field, "choices"):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        # A radius means nothing without its place: removing the place removes the radius too.
        query = query_without(params, name, *(["within"] if name == "near" else []))
        tags.append(FilterTag(str(field.label), shown, f"?{query}" if query else "?"))
    if filterset.form.cleaned_data.get("near") and not filterset.form.cleaned_data.get("within"):
        # The default radius is in force though nobody chose it: say so, like a chosen one.
        query = query_without(params, "near", "within")
        shown = f"{DEFAULT_NEAR_KM} km"
        tags.append(FilterTag("Within", shown, f"?{query}" if query else "?"))
    return tags


def query_without_page(params: QueryDict) -> str:
    """The query string for pagination and export links: the filters in use, not the page."""
    return query_without(params)
