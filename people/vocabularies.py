"""The role and specialism menus, kept in the cache.

Every people directory page shows both menus; the lists are short and change only when an admin
edits a vocabulary, which clears them (see PeopleConfig.ready). With CACHE_URL every app server
shares one copy; with the per-process memory cache another server may show an edit up to
CACHE_SECONDS late.
"""

from __future__ import annotations

from django.core.cache import cache

CACHE_KEY = "people:vocabularies:1"
CACHE_SECONDS = 300


def _load() -> dict[str, list[tuple[str, str]]]:
    from people.models import RoleType, Specialism

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
    return {"roles": roles, "specialisms": specialisms}


def vocabularies() -> dict[str, list[tuple[str, str]]]:
    """Both menus with one cache read: "roles" is (slug, "Specialist leader of education
    (SLE)") for each role type in menu order, "specialisms" (slug, name) by name."""
    return cache.get_or_set(CACHE_KEY, _load, CACHE_SECONDS)


def forget(**kwargs) -> None:
    """Signal receiver: a role type or specialism changed."""
    cache.delete(CACHE_KEY)
