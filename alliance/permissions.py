"""Who may do what: the one policy for the whole portal.

Every view, queryset, export and template asks these functions; nothing re-implements them.
Each takes the requesting user first and the object second and answers True or False. They read
only what is already loaded on the objects where they can, so calling them per row in a list
costs no queries when the page prefetched what they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from events.models import Event
    from partnerships.models import NetworkGroup, Partnership
    from people.models import Person
    from schools.models import School


def is_admin(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_alliance_admin", False))


def person_of(user) -> Person | None:
    """The directory profile of a signed-in user, if they have one."""
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Exception:  # RelatedObjectDoesNotExist: an account without a profile.
        return None


# Schools -------------------------------------------------------------------------------------


def can_view_school(user, school: School) -> bool:
    return school.is_published or user.is_authenticated


def can_edit_school(user, school: School) -> bool:
    """The school's headteacher, the editors it appointed, and alliance admins."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if school.headteacher_id == person.pk:
        return True
    return school.editors.filter(pk=person.pk).exists()


# People --------------------------------------------------------------------------------------


def can_view_person(user, person: Person) -> bool:
    """Person pages and the people directory are for signed-in users only."""
    return user.is_authenticated


def can_see_contacts(user, person: Person) -> bool:
    """Whether `user` may see `person`'s e-mail and telephone, as the person chose."""
    from people.models import ContactVisibility

    if not user.is_authenticated or person.erased_at:
        return False
    if is_admin(user):
        return True
    viewer = person_of(user)
    if viewer is not None and viewer.pk == person.pk:
        return True
    if person.contact_visibility == ContactVisibility.ALLIANCE:
        return True
    if person.contact_visibility == ContactVisibility.SCHOOL:
        return (
            viewer is not None
            and viewer.school_id is not None
            and viewer.school_id == person.school_id
        )
    return False


def can_edit_person(user, person: Person) -> bool:
    """The person themself, their school's headteacher and editors, and admins."""
    if is_admin(user):
        return True
    viewer = person_of(user)
    if viewer is None:
        return False
    if viewer.pk == person.pk:
        return True
    return person.school is not None and can_edit_school(user, person.school)


# Partnerships --------------------------------------------------------------------------------


def can_view_partnership(user, partnership: Partnership) -> bool:
    return partnership.is_published or user.is_authenticated


def can_coordinate_partnership(user, partnership: Partnership) -> bool:
    """Admins and the people named as a coordinator of a current membership."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return partnership.memberships.current().filter(coordinator=person).exists()


def can_coordinate_group(user, group: NetworkGroup) -> bool:
    """The group's chair, the partnership's coordinators, and admins."""
    person = person_of(user)
    if person is not None and group.chair_id == person.pk:
        return True
    return can_coordinate_partnership(user, group.partnership)


# Events --------------------------------------------------------------------------------------


def can_view_event(user, event: Event) -> bool:
    return event.is_published or user.is_authenticated


def can_organise_event(user, event: Event) -> bool:
    """The partnership's coordinators, the group's chair, and admins."""
    if is_admin(user):
        return True
    if event.network_group_id and can_coordinate_group(user, event.network_group):
        return True
    return bool(event.partnership_id and can_coordinate_partnership(user, event.partnership))


def can_register_for_event(user, event: Event) -> bool:
    return person_of(user) is not None and can_view_event(user, event)


# Registers: imports and exports --------------------------------------------------------------


def can_import_register(user) -> bool:
    """The public register feeds every school's facts: alliance admins only."""
    return is_admin(user)


def can_import_people(user, school: School) -> bool:
    """Alliance admins, and a headteacher for their own school."""
    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and school.headteacher_id == person.pk


def can_import_memberships(user, partnership: Partnership) -> bool:
    """Whoever coordinates the partnership (and admins) may import its member schools."""
    return can_coordinate_partnership(user, partnership)
