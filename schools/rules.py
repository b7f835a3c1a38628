"""Who may see a school, edit its profile, manage its editors and read its history."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef

from alliance.permissions import is_admin, known, person_of
from people.models import Person
from schools.models import VISIBILITY, School


def _editor_key(person: Person) -> str:
    return f"standing_{person.pk}_edits"


def editor_annotations(user, model) -> dict:
    """Annotations for a School queryset that answer can_edit_school for `user` with the row
    itself, instead of one query more."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    editors = model.editors.through.objects.filter(school=OuterRef("pk"), person=person.pk)
    return {_editor_key(person): Exists(editors)}


def can_view_school(user, school: School) -> bool:
    return VISIBILITY.allows(user, school)


def can_edit_school(user, school: School) -> bool:
    """The school's headteacher, the editors it appointed, and alliance admins."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if school.headteacher_id == person.pk:
        return True
    return known(
        person, school, _editor_key(person), lambda: school.editors.filter(pk=person.pk).exists()
    )


def can_manage_school(user, school: School) -> bool:
    """The headteacher and admins: appoint editors, hand over the headship, publish the page.

    Editors keep the profile true but may not give themselves or others more rights.
    """
    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and school.headteacher_id == person.pk


def can_view_school_history(user, school: School) -> bool:
    """Who changed what and when: the people who may edit the school (and admins)."""
    return can_edit_school(user, school)


def can_edit_own_or_schools(
    user, *, owner_id: int | None, school: Callable[[], School | None]
) -> bool:
    """Edit something a person owns at a school (a profile, a shared resource): admins, the
    person `owner_id` names, and the head and editors of the school `school()` gives. The
    school is read only when the owner test has not already answered."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if owner_id is not None and person.pk == owner_id:
        return True
    held_at = school()
    return held_at is not None and can_edit_school(user, held_at)
