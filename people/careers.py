"""Writes for a person's career: posts (the one place that records their jobs at schools and
keeps `Person.school`, their current school, true, ending the rights a school gave when they no
longer work there) and designations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from alliance.lib.rows import create_checked
from partnerships.models import Membership
from people.designations import Designation
from people.models import Person, PersonQualification, Qualification
from people.posts import Post
from schools.models import School

if TYPE_CHECKING:
    from accounts.models import User


class CareerError(Exception):
    """A request about posts the domain refuses; `code` names the reason."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@transaction.atomic
def post_record(
    *,
    person: Person,
    school: School,
    job_title: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    by: User | None = None,
) -> Post:
    """Record a post of `person` at `school` (past, current or to come) and bring their
    current school up to date."""
    if person.erased_at:
        raise CareerError("This person's data was erased.", code="person_erased")
    post = create_checked(
        Post,
        person=person,
        school=school,
        job_title=job_title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    person_sync_school(person=person, by=by)
    return post


@transaction.atomic
def post_end(*, post: Post, ends_on: datetime.date, by: User | None = None) -> Post:
    """End a post on `ends_on` (from that day it is a past post). When that day has come and
    the person holds no other current post at the school, the rights the school gave them end
    too (see person_sync_school)."""
    post = Post.objects.select_for_update().select_related("person").get(pk=post.pk)
    if post.ended_by(timezone.localdate()):
        raise CareerError("This post has already ended.", code="post_already_ended")
    post.ends_on = ends_on
    post.full_clean()
    post.save(update_fields=["ends_on"])
    person_sync_school(person=post.person, by=by, ended=[post.school_id])
    return post


@transaction.atomic
def person_move(
    *,
    person: Person,
    school: School | None,
    job_title: str = "",
    on: datetime.date | None = None,
    by: User | None = None,
) -> None:
    """Move `person` to `school` from `on` (today by default): their current posts elsewhere
    end that day and a post at `school` starts. No school: they leave every school."""
    on = on or timezone.localdate()
    current = Post.objects.select_for_update().filter(person=person).current(on)
    if school is not None and current.filter(school=school).exists():
        return person_sync_school(person=person, by=by)
    ended = []
    for post in current.exclude(school=school):
        post.ends_on = on
        post.save(update_fields=["ends_on"])
        ended.append(post.school_id)
    if school is not None:
        create_checked(
            Post, person=person, school=school, job_title=job_title.strip(), starts_on=on
        )
    person_sync_school(person=person, by=by, ended=ended)
    return None


def person_sync_school(
    *, person: Person, by: User | None = None, ended: Iterable[int] = ()
) -> None:
    """Make `Person.school` the school of the person's current post (the latest started), or
    none; and end, at each school of `ended` (posts that have just ended) where they no longer
    hold a current post, the standing it gave them: headteacher, school editor and the
    school's partnership coordinator. (Only there: an executive head may head a school where
    they hold no post, and recording an old post elsewhere takes nothing away.)

    Rights that come from `Person.school` (colleagues' contacts, the school's partnerships,
    resources and events) follow the field itself.
    """
    today = timezone.localdate()
    posts = list(Post.objects.filter(person=person).select_related("school"))
    current = sorted(
        (post for post in posts if post.is_current_on(today)),
        key=lambda post: (post.starts_on or datetime.date.min, post.pk),
    )
    now_at = current[-1] if current else None
    school_id = now_at.school_id if now_at else None
    changes = {}
    if person.school_id != school_id:
        changes["school_id"] = school_id
        # A new school: the profile's job title becomes the post's (when it names one).
        if now_at and now_at.job_title:
            changes["job_title"] = now_at.job_title
    if changes:
        changes["updated_at"] = timezone.now()
        if by is not None:
            changes["updated_by"] = by
        Person.objects.filter(pk=person.pk).update(**changes)
        for name, value in changes.items():
            setattr(person, name, value)
        if "school_id" in changes:
            person.__dict__.pop("_standing", None)
    held = {post.school_id for post in current}
    left = {pk for pk in ended if pk is not None} - held
    for school in School.objects.filter(pk__in=left):
        _end_school_standing(person, school)


def _end_school_standing(person: Person, school: School) -> None:
    # Through the school, not in bulk, so the school's history records the change.
    if school.headteacher_id == person.pk:
        school.headteacher = None
        school.save(update_fields=["headteacher"])
    school.editors.remove(person)
    Membership.objects.filter(school=school, coordinator=person).update(coordinator=None)


def posts_lapse(*, on: datetime.date | None = None) -> int:
    """Bring up to date the people whose post ended by `on` while their record still names
    that school (a post given an end date in advance): run daily. Returns how many."""
    on = on or timezone.localdate()
    still_there = Post.objects.current(on).filter(
        person=OuterRef("person"), school=OuterRef("school")
    )
    lapsed = Post.objects.past(on).filter(person__school=F("school")).exclude(Exists(still_there))
    count = 0
    for person_id, school_id in lapsed.values_list("person_id", "school_id").distinct():
        person = Person.objects.get(pk=person_id)
        person_sync_school(person=person, ended=[school_id])
        count += 1
    return count


@transaction.atomic
def designation_record(*, person: Person, by: User | None = None, **fields) -> Designation:
    """Record an SLE or NLE designation of `person` (kind, area, designated_on, review_due,
    status)."""
    if person.erased_at:
        raise CareerError("This person's data was erased.", code="person_erased")
    designation = create_checked(Designation, person=person, **fields)
    _touch(person, by)
    return designation


@transaction.atomic
def designation_update(*, designation: Designation, by: User | None = None, **fields) -> None:
    """Change a designation's review date or status (under review, lapsed...)."""
    for name, value in fields.items():
        setattr(designation, name, value)
    designation.full_clean()
    designation.save(update_fields=list(fields))
    _touch(designation.person, by)


def _touch(person: Person, by: User | None) -> None:
    changes = {"updated_at": timezone.now()}
    if by is not None:
        changes["updated_by"] = by
    Person.objects.filter(pk=person.pk).update(**changes)


@transaction.atomic
def qualification_add(
    *, person: Person, qualification: Qualification, year: int | None, by: User | None = None
) -> PersonQualification:
    """Record that `person` holds a programme or qualification (from `year`)."""
    if person.erased_at:
        raise CareerError("This person's data was erased.", code="person_erased")
    record = create_checked(
        PersonQualification, person=person, qualification=qualification, year=year
    )
    _touch(person, by)
    return record


@transaction.atomic
def qualification_remove(*, record: PersonQualification, by: User | None = None) -> None:
    person = record.person
    record.delete()
    _touch(person, by)
