"""Schools near a school or a point: a bounding-box query, then haversine in Python.

A box of ±km around the point uses the latitude/longitude columns (one query); the exact
great-circle distance then drops the box's corners and sorts. At the scale of England (25,000
schools) a 10 km box holds a few hundred rows at most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, When

from schools.models import School, SchoolQuerySet

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.32


@dataclass(frozen=True)
class Nearby:
    school: School
    km: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _point(school_or_point: School | tuple[float, float]) -> tuple[float, float] | None:
    if isinstance(school_or_point, School):
        if school_or_point.latitude is None or school_or_point.longitude is None:
            return None
        return float(school_or_point.latitude), float(school_or_point.longitude)
    lat, lon = school_or_point
    return float(lat), float(lon)


def schools_near(
    school_or_point: School | tuple[float, float],
    km: float,
    *,
    queryset: SchoolQuerySet | None = None,
) -> list[Nearby]:
    """Schools within `km` of a school (excluding itself) or of (latitude, longitude), nearest
    first. One query; an empty list when the school has no coordinates."""
    point = _point(school_or_point)
    if point is None or km <= 0:
        return []
    lat, lon = point
    dlat = km / KM_PER_DEGREE_LATITUDE
    dlon = km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
    candidates = (queryset if queryset is not None else School.objects.all()).filter(
        latitude__gte=Decimal(f"{lat - dlat:.6f}"),
        latitude__lte=Decimal(f"{lat + dlat:.6f}"),
        longitude__gte=Decimal(f"{lon - dlon:.6f}"),
        longitude__lte=Decimal(f"{lon + dlon:.6f}"),
    )
    if isinstance(school_or_point, School) and school_or_point.pk:
        candidates = candidates.exclude(pk=school_or_point.pk)
    found = []
    for school in candidates:
        distance = haversine_km(lat, lon, float(school.latitude), float(school.longitude))
        if distance <= km:
            found.append(Nearby(school, distance))
    found.sort(key=lambda near: (near.km, near.school.name))
    return found


def near_queryset(
    queryset: SchoolQuerySet, school_or_point: School | tuple[float, float], km: float
) -> SchoolQuerySet:
    """The directory filter: `queryset` narrowed to schools within `km`, nearest first.

    Two queries when evaluated (the box, then the page), whatever the number of rows.
    """
    nearby = schools_near(
        school_or_point, km, queryset=queryset.only("pk", "name", "latitude", "longitude")
    )
    order = Case(
        *[When(pk=near.school.pk, then=position) for position, near in enumerate(nearby)],
        output_field=IntegerField(),
    )
    pks = [near.school.pk for near in nearby]
    if not pks:
        return queryset.none()
    return queryset.filter(pk__in=pks).order_by(order)


def resolve_place(text: str) -> School | tuple[float, float] | None:
    """What a directory's `near=` parameter names: a school's slug or URN, or "lat,long"."""
    text = text.strip()
    if "," in text:
        try:
            lat, lon = (float(part) for part in text.split(",", 1))
        except ValueError:
            return None
        return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
    if not text:
        return None
    field = "urn" if text.isdigit() else "slug"
    return School.objects.filter(**{field: text}).first()


def filter_near(queryset: SchoolQuerySet, near: str, km: float) -> SchoolQuerySet:
    """The directory filter `?near=<slug|URN|lat,long>&within=<km>`: schools within `km`,
    nearest first; none when the place is unknown or has no coordinates."""
    place = resolve_place(near)
    if place is None:
        return queryset.none()
    return near_queryset(queryset, place, km)
