"""Who may invite whom, and who must sign in with a second factor."""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from schools.models import School
from schools.rules import can_manage_school


def is_headteacher(user) -> bool:
    """Headteacher of any school (one query, unless the profile's headships are prefetched)."""
    person = person_of(user)
    return person is not None and person.headships.exists()


def requires_mfa(user) -> bool:
    """Alliance admins and headteachers must sign in with a second factor."""
    return is_admin(user) or is_headteacher(user)


def can_invite_to_school(user, school: School) -> bool:
    """Admins invite to any school; a headteacher to their own school only."""
    return can_manage_school(user, school)


def can_invite_any_domain(user) -> bool:
    """Only admins may invite an address outside the school's allowed e-mail domains."""
    return is_admin(user)


def schools_user_may_invite_to(user):
    """The schools `user` may invite people to, as a queryset (empty for most users)."""
    if is_admin(user):
        return School.objects.all()
    person = person_of(user)
    if person is None:
        return School.objects.none()
    return School.objects.filter(headteacher=person)
