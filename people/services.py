"""Writes for people: saving a profile, giving and ending roles, and GDPR erasure."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alliance.lib.rows import create_checked
from events.models import Registration
from events.services import registration_cancel
from partnerships.models import GroupChair, GroupMembership, Membership, NetworkGroup
from people.careers import person_move
from people.forms import PersonForm
from people.models import ContactVisibility, Person, RoleAssignment, RoleType, Specialism
from schools.models import School

if TYPE_CHECKING:
    from accounts.models import User
    from partnerships.models import PartnerOrganisation, Partnership

ERASED_NAME = "Former member of staff"


class PeopleError(Exception):
    """A request the domain refuses; `code` names the reason for callers and tests."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


def _delete_file_after_commit(storage, name: str) -> None:
    # Only once the row no longer points at it: a rolled-back save must keep its photo.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def person_save_profile(*, form: PersonForm, by: User) -> Person:
    """Save a valid profile form; a replaced or removed photo's file is deleted."""
    person: Person = form.instance
    before = Person.objects.filter(pk=person.pk).values("photo", "school_id").first() or {}
    old_photo = before.get("photo")
    person = form.save(commit=False)
    person.updated_by = by
    person.save()
    form.save_m2m()
    if person.pk and "school_id" in before and before["school_id"] != person.school_id:
        # An admin moved them: the old post ends today and a new one starts.
        person_move(person=person, school=person.school, job_title=person.job_title, by=by)
    if old_photo and old_photo != person.photo.name:
        _delete_file_after_commit(person.photo.storage, old_photo)
    return person


@transaction.atomic
def role_assign(
    *,
    person: Person,
    role_type: RoleType,
    specialism: Specialism | None = None,
    partnership: Partnership | None = None,
    school: School | None = None,
    network_group: NetworkGroup | None = None,
    organisation: PartnerOrganisation | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    by: User,
) -> RoleAssignment:
    """Give `person` a role, held where it is (a school, group, outside organisation or
    partnership); `by` is the user doing it."""
    if person.erased_at:
        raise PeopleError("This person's data was erased.", code="person_erased")
    assignment = create_checked(
        RoleAssignment,
        person=person,
        role_type=role_type,
        specialism=specialism,
        partnership=partnership,
        school=school,
        network_group=network_group,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _touch(person, by)
    return assignment


@transaction.atomic
def role_end(*, assignment: RoleAssignment, ends_on: datetime.date, by: User) -> RoleAssignment:
    """End a role on `ends_on`. The row stays: from that day it is a past role."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ends_on is not None and assignment.ends_on <= timezone.localdate():
        raise PeopleError("This role has already ended.", code="role_already_ended")
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    _touch(assignment.person, by)
    return assignment


def _touch(person: Person, by: User) -> None:
    Person.objects.filter(pk=person.pk).update(updated_at=timezone.now(), updated_by=by)


@transaction.atomic
def person_erase(*, person: Person, by: User | None) -> Person:
    """Remove a person's personal data (GDPR erasure) and keep the row.

    Events they chaired or minuted, their registrations and their role history keep pointing
    at the row, which now reads "Former member of staff". What goes: names, pronouns, job
    title, contacts, bio, expertise, photo (the file too), the link to their account (which is
    deactivated and its address scrubbed), and the standing positions that would give the
    account rights or name them as a current contact: headteacher, school editor, partnership
    coordinator, network chair, co-chair and member. Current roles end today; registrations for
    events still to come are cancelled, with their session choices, so that the people waiting
    get the places.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        raise PeopleError("This person's data was already erased.", code="already_erased")
    now = timezone.now()
    today = timezone.localdate()
    photo_name, storage = person.photo.name, person.photo.storage
    user = person.user

    person.first_name = ERASED_NAME
    for field in ("last_name", "preferred_name", "pronouns", "job_title", "email"):
        setattr(person, field, "")
    person.telephone = ""
    person.bio = ""
    person.expertise = ""
    person.photo = ""
    person.contact_visibility = ContactVisibility.ADMINS
    person.user = None
    person.erased_at = now
    person.updated_by = by
    person.save()

    if user is not None:
        EmailAddress.objects.filter(user=user).delete()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save()

    RoleAssignment.objects.filter(person=person, starts_on__gt=today).delete()
    RoleAssignment.objects.filter(person=person).current(today).update(ends_on=today)
    # Through each school, not in bulk, so the school's history records the change.
    for school in School.objects.filter(Q(headteacher=person) | Q(editors=person)).distinct():
        if school.headteacher_id == person.pk:
            school.headteacher = None
            school.save(update_fields=["headteacher"])
        school.editors.remove(person)
    Membership.objects.filter(coordinator=person).update(coordinator=None)
    NetworkGroup.objects.filter(chair=person).update(chair=None)
    # Co-chairs and dated memberships end today (those not begun go): the group keeps that
    # someone chaired or belonged, not who.
    GroupChair.objects.filter(person=person, starts_on__gt=today).delete()
    GroupChair.objects.filter(person=person).current(today).update(ends_on=today)
    GroupMembership.objects.filter(person=person, joined_on__gt=today).delete()
    GroupMembership.objects.filter(person=person).current(today).update(left_on=today)
    person.network_groups.clear()
    # As if they had cancelled: the first people waiting for the event and for each session
    # they chose get the places.
    upcoming = (
        Registration.objects.filter(person=person, event__ends_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
    )
    for registration in upcoming:
        registration_cancel(event=registration.event, person=person)

    _delete_file_after_commit(storage, photo_name)
    return person
