"""Who may import the public register, a school's staff and a partnership's members."""

from __future__ import annotations

from alliance.permissions import is_admin
from partnerships.models import Partnership
from partnerships.rules import can_coordinate_partnership
from schools.models import School
from schools.rules import can_manage_school


def can_import_register(user) -> bool:
    """The public register feeds every school's facts: alliance admins only."""
    return is_admin(user)


def can_import_people(user, school: School) -> bool:
    """Alliance admins, and a headteacher for their own school."""
    return can_manage_school(user, school)


def can_import_memberships(user, partnership: Partnership) -> bool:
    """Whoever coordinates the partnership (and admins) may import its member schools."""
    return can_coordinate_partnership(user, partnership)
