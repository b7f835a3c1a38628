"""The partnership list's filters, kept in the URL."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from partnerships.models import PartnershipKind, PartnershipQuerySet


def name_box(label: str, method: str) -> django_filters.CharFilter:
    """A filter that names partnerships or network groups by part of their name (read with
    `.named()`): a text box, not a menu, since a region has thousands of them."""
    return django_filters.CharFilter(
        label=label,
        method=method,
        widget=forms.TextInput(attrs={"placeholder": "Part of its name"}),
    )


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=PartnershipKind.choices, empty_label="Any kind"
    )

    def search(self, queryset: PartnershipQuerySet, name: str, value: str) -> PartnershipQuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))
