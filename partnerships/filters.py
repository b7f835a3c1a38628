"""The partnership list's filters, kept in the URL."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from partnerships.models import PartnershipKind, PartnershipQuerySet


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
