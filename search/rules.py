"""What the search shows to whom."""

from __future__ import annotations


def may_search_members_only(user) -> bool:
    """Signed-in members find people and unpublished things; the public does not."""
    return user.is_authenticated
