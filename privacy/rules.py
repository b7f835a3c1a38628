"""Who may download a person's archive (subject access) and erase their personal data."""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from people.models import Person
from people.rules import can_erase_person

__all__ = ["can_download_archive", "can_erase_person"]


def can_download_archive(user, person: Person) -> bool:
    """The person themself, and alliance admins (answering a request made to them)."""
    if is_admin(user):
        return True
    viewer = person_of(user)
    return viewer is not None and viewer.pk == person.pk and not person.erased_at
