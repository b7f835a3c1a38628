"""Who may see a partnership and its people, and who coordinates it and its groups."""

from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from alliance.permissions import is_admin, known, person_of
from partnerships.models import (
    VISIBILITY,
    GroupChair,
    GroupMembership,
    Membership,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
)
from people.models import Person


def _coordinator_key(person: Person) -> str:
    return f"standing_{person.pk}_coordinates"


def coordinating(person: Person):
    """The current memberships `person` coordinates: what makes them a coordinator."""
    return Membership.objects.current().filter(coordinator=person.pk)


def coordinator_annotations(user, model, *, link: str = "pk") -> dict:
    """Annotations for a Partnership queryset (or, with `link`, the lookup to the partnership
    of a queryset of rows that belong to one) that answer can_coordinate_partnership for `user`
    with the row itself, instead of one query more."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    return {
        _coordinator_key(person): Exists(coordinating(person).filter(partnership=OuterRef(link)))
    }


def can_view_partnership(user, partnership: Partnership) -> bool:
    return VISIBILITY.allows(user, partnership)


def can_see_member_people(user, partnership: Partnership) -> bool:
    """Names of coordinators, chairs and group members: signed-in users only."""
    return user.is_authenticated


def can_coordinate_partnership(user, partnership: Partnership) -> bool:
    """Admins and the people named as a coordinator of a current membership."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return known(
        person,
        partnership,
        _coordinator_key(person),
        lambda: coordinating(person).filter(partnership=partnership.pk).exists(),
    )


def _chair_key(person: Person) -> str:
    return f"standing_{person.pk}_chairs"


def chaired_groups(person: Person):
    """The groups `person` chairs now: the one definition of a chair, which chairs_group asks
    of one group. A chair is the group's named chair (`NetworkGroup.chair`, the first of them)
    or anyone holding a current chair, co-chair or co-lead row (GroupChair)."""
    rows = GroupChair.objects.current().filter(person=person.pk).values("group_id")
    return NetworkGroup.objects.filter(Q(chair=person.pk) | Q(pk__in=rows))


def chair_annotations(user, *, group: str = "pk") -> dict:
    """Annotations for a NetworkGroup queryset (or, with `group`, the lookup to a group, of a
    queryset of rows that belong to one) that answer chairs_group for `user` with the row
    itself, instead of one query more. See lend_chair_standing for the second case."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    rows = GroupChair.objects.current().filter(person=person.pk, group=OuterRef(group))
    return {_chair_key(person): Exists(rows)}


def lend_chair_standing(user, row, group: NetworkGroup | None) -> None:
    """Hand the answer chair_annotations(user, group=...) read with `row` to its `group`."""
    person = person_of(user)
    if group is not None and person is not None and _chair_key(person) in row.__dict__:
        group.__dict__[_chair_key(person)] = row.__dict__[_chair_key(person)]


def chairs_group(person: Person, group: NetworkGroup) -> bool:
    """Whether `person` chairs `group` now (see chaired_groups)."""
    if group.chair_id == person.pk:
        return True
    return known(
        person,
        group,
        _chair_key(person),
        lambda: GroupChair.objects.current().filter(person=person.pk, group=group.pk).exists(),
    )


def can_coordinate_group(user, group: NetworkGroup) -> bool:
    """The group's chairs and co-leads, the partnership's coordinators, and admins."""
    person = person_of(user)
    if person is not None and chairs_group(person, group):
        return True
    return can_coordinate_partnership(user, group.partnership)


def _reader_key(person: Person) -> str:
    return f"standing_{person.pk}_reads_objectives"


def _objective_reader(person: Person, *, group, partnership) -> Q:
    """Head of a current member school of the group's partnership, or a current member."""
    heads = Membership.objects.current().filter(
        partnership=partnership, school__headteacher=person.pk
    )
    members = GroupMembership.objects.current().filter(group=group, person=person.pk)
    listed = NetworkGroup.members.through.objects.filter(networkgroup=group, person=person.pk)
    return Q(Exists(heads)) | Q(Exists(members)) | Q(Exists(listed))


def objective_reader_annotations(user) -> dict:
    """Annotations for a NetworkGroup queryset that answer can_see_group_objectives for `user`
    with the row itself."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    reads = _objective_reader(person, group=OuterRef("pk"), partnership=OuterRef("partnership"))
    return {_reader_key(person): ExpressionWrapper(reads, output_field=BooleanField())}


def can_see_group_objectives(user, group: NetworkGroup) -> bool:
    """A group's objectives and progress notes: those who run it (chairs, coordinators,
    admins), its current members, and the heads of the partnership's current member schools,
    to whom the group reports."""
    if can_coordinate_group(user, group):
        return True
    person = person_of(user)
    if person is None:
        return False
    reads = _objective_reader(person, group=group.pk, partnership=group.partnership_id)
    return known(
        person,
        group,
        _reader_key(person),
        lambda: Person.objects.filter(reads, pk=person.pk).exists(),
    )


def is_coordinator(user) -> bool:
    """Admins and anyone named coordinator on a current membership of some partnership."""
    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and Membership.objects.current().filter(coordinator=person).exists()


def can_view_organisation(user, organisation: PartnerOrganisation) -> bool:
    """A partner organisation's page is public; the people on it are for signed-in users
    (can_see_member_people)."""
    return True


def _organisation_editor_key(person: Person) -> str:
    return f"standing_{person.pk}_edits_organisation"


def organisation_editor_annotations(user) -> dict:
    """Annotations for a PartnerOrganisation queryset that answer can_edit_organisation for
    `user` with the row itself."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    mine = coordinating(person).filter(partnership__partner_organisations=OuterRef("pk"))
    return {_organisation_editor_key(person): Exists(mine)}


def can_edit_organisation(user, organisation: PartnerOrganisation) -> bool:
    """Admins, and the coordinators of a partnership the organisation works with."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return known(
        person,
        organisation,
        _organisation_editor_key(person),
        lambda: (
            coordinating(person).filter(partnership__partner_organisations=organisation.pk).exists()
        ),
    )
