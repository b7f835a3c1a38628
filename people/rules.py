"""Who may see a person, their contact details, and change or erase their profile."""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from people.models import ContactVisibility, Person
from schools.rules import can_edit_own_or_schools


def can_view_person(user, person: Person) -> bool:
    """Person pages and the people directory are for signed-in users only."""
    return user.is_authenticated


def can_see_contacts(user, person: Person) -> bool:
    """Whether `user` may see `person`'s e-mail and telephone, as the person chose.

    Never the public, never anyone once the data is erased. "Own school" also covers people of
    the same partner organisation, for staff who work for a university or local authority.
    `person` may be anything with a person's pk, contact_visibility, school_id,
    organisation_id and erased_at (people.views.directory.ContactFacts, kept with a page).
    """
    if not user.is_authenticated or person.erased_at:
        return False
    if is_admin(user):
        return True
    viewer = person_of(user)
    if viewer is not None and viewer.pk == person.pk:
        return True
    if person.contact_visibility == ContactVisibility.ALLIANCE:
        return True
    if person.contact_visibility == ContactVisibility.SCHOOL and viewer is not None:
        same_school = viewer.school_id is not None and viewer.school_id == person.school_id
        same_organisation = (
            viewer.organisation_id is not None and viewer.organisation_id == person.organisation_id
        )
        return same_school or same_organisation
    return False


def can_edit_person(user, person: Person) -> bool:
    """The person themself, their school's headteacher and editors, and admins."""
    return not person.erased_at and can_edit_own_or_schools(
        user, owner_id=person.pk, school=lambda: person.school
    )


def can_manage_roles(user, person: Person) -> bool:
    """Add and end a person's alliance roles: their school's head and editors, and admins.

    Not the person themself: a role such as SLE is a designation others vouch for.
    """
    return not person.erased_at and can_edit_own_or_schools(
        user, owner_id=None, school=lambda: person.school
    )


def can_manage_posts(user, person: Person) -> bool:
    """Record and end a person's posts (their jobs at schools): their current school's head and
    editors, and admins. Not the person themself: the school vouches for who works there."""
    return not person.erased_at and can_edit_own_or_schools(
        user, owner_id=None, school=lambda: person.school
    )


def can_erase_person(user, person: Person) -> bool:
    """Erasing personal data (GDPR) is for alliance admins only."""
    return is_admin(user) and not person.erased_at
