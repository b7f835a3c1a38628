"""The people directory's menus (roles, specialisms, qualifications, year groups), kept in the
cache.

Every people directory page shows both menus; the lists are short and change only when an admin
edits a vocabulary, which clears them (see PeopleConfig.ready). With CACHE_URL every app server
shares one copy; with the per-process memory cache another server may show an edit up to
CACHE_SECONDS late.

With them, the roles held by more people than the directory reads as a list of ids
(ID_LIST_LIMIT, below): a filter on such a role skips reading those ids only to find
there are too many. It is a hint, up to CACHE_SECONDS old: a role that has grown past the limit
since is found so as before, and one that has shrunk is answered the other way, as correctly.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Value
from django.utils import timezone

CACHE_KEY = "people:vocabularies:3"
CACHE_SECONDS = 300
# The most ids the people directory reads as a list before it filters (people.filters).
ID_LIST_LIMIT = 5_000


def _crowded_roles() -> list[str]:
    """Slugs of the roles more than ID_LIST_LIMIT people currently hold, in one query (each
    role's holders counted only as far as the limit)."""
    from people.models import RoleAssignment, RoleType

    held = RoleAssignment.objects.current(timezone.localdate()).filter(role_type=OuterRef("pk"))
    beyond = held.order_by().values("pk")[ID_LIST_LIMIT : ID_LIST_LIMIT + 1]
    return list(RoleType.objects.filter(Exists(beyond)).values_list("slug", flat=True))


def _load() -> dict[str, list]:
    from people.models import Qualification, RoleType, Specialism, YearGroup

    roles = [
        (
            role.slug,
            f"{role.name} ({role.abbreviation})"
            if role.abbreviation and role.abbreviation != role.name
            else role.name,
        )
        for role in RoleType.objects.only("slug", "name", "abbreviation")
    ]
    specialisms = list(Specialism.objects.values_list("slug", "name"))
    # Both short lists in one query: qualifications in menu order, then year groups in theirs.
    rows = (
        Qualification.objects.order_by()
        .annotate(list=Value(0), position=F("ordering"))
        .values_list("list", "position", "slug", "name", "abbreviation")
        .union(
            YearGroup.objects.order_by()
            .annotate(list=Value(1), position=F("ordering"), abbreviation=Value(""))
            .values_list("list", "position", "code", "name", "abbreviation"),
            all=True,
        )
        .order_by("list", "position", "name")
    )
    qualifications, year_groups = [], []
    for which, _, key, name, abbreviation in rows:
        if which == 0:
            qualifications.append((key, f"{abbreviation} ({name})" if abbreviation else name))
        else:
            year_groups.append((key, name))
    return {
        "roles": roles,
        "specialisms": specialisms,
        "qualifications": qualifications,
        "year_groups": year_groups,
        "crowded_roles": _crowded_roles(),
    }


def vocabularies() -> dict[str, list]:
    """Both menus with one cache read: "roles" is (slug, "Specialist leader of education
    (SLE)") for each role type in menu order, "specialisms" (slug, name) by name; and
    "crowded_roles", the slugs of the roles too many hold for a list of ids (see above)."""
    return cache.get_or_set(CACHE_KEY, _load, CACHE_SECONDS)


def forget(**kwargs) -> None:
    """Signal receiver: a role type, specialism, qualification or year group changed."""
    cache.delete(CACHE_KEY)
