"""Reviews that come round: a school's profile once a year, and a role or designation whose
end date (an SLE's four-year review) is near. Part of the periodic pass (notifications.tick)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from events.ical import LONDON
from notifications.models import Kind, Message
from notifications.services import message_queue, news_since, portal_link
from notifications.tokens import confirm_token
from people.models import Designation, RoleAssignment
from schools.models import School

YEAR = datetime.timedelta(days=365)


def queue_profile_checks(now: datetime.datetime) -> int:
    """ "Is your school's profile still right?" to each school's headteacher: once a year (a year
    after they last confirmed it, or after the school or notifications started), and when the
    register's import has changed a fact of the school since they last confirmed it. Read in
    one query whatever the number of schools: only the schools due come back."""
    since = news_since()
    year_ago = now - YEAR
    # A year after the last confirmation; never confirmed: a year after it (or notifications)
    # started.
    yearly = Q(profile_confirmed_at__lte=year_ago)
    if since <= year_ago:
        yearly |= Q(profile_confirmed_at__isnull=True, created_at__lte=year_ago)
    asked_this_year = Message.objects.filter(
        kind=Kind.PROFILE_CHECK, created_at__gt=year_ago, person=OuterRef("headteacher")
    )
    imported = Q(updated_by_role="register", register_imported_at__gte=since) & (
        Q(profile_confirmed_at__isnull=True) | Q(profile_confirmed_at__lt=F("register_imported_at"))
    )
    asked_since_import = Message.objects.filter(
        kind=Kind.PROFILE_CHECK,
        created_at__gte=OuterRef("register_imported_at"),
        person=OuterRef("headteacher"),
    )
    schools = (
        School.objects.filter(headteacher__isnull=False, closed_on__isnull=True)
        .filter((yearly & ~Exists(asked_this_year)) | (imported & ~Exists(asked_since_import)))
        .select_related("headteacher__user")
    )
    queued = 0
    for school in schools:
        head = school.headteacher
        token = confirm_token(person_id=head.pk, school_id=school.pk)
        register_changed = bool(
            school.updated_by_role == "register"
            and school.register_imported_at
            and school.register_imported_at >= since
            and (
                school.profile_confirmed_at is None
                or school.profile_confirmed_at < school.register_imported_at
            )
        )
        result = message_queue(
            person=head,
            kind=Kind.PROFILE_CHECK,
            key=f"profile_check:{school.pk}:{now.isoformat()}",
            reason=f"headteacher of {school.name}",
            context={
                "school": school,
                "register_changed": register_changed,
                "school_url": portal_link(school.get_absolute_url()),
                "history_url": portal_link(
                    reverse("schools:history", kwargs={"slug": school.slug})
                ),
                "edit_url": portal_link(reverse("schools:edit", kwargs={"slug": school.slug})),
                "confirm_url": portal_link(
                    reverse("notifications:confirm_profile", kwargs={"token": token})
                ),
            },
        )
        queued += result is not None
    return queued


def _holder_and_head(person, holder_reason: str) -> list[tuple]:
    """Who hears of a review: the person, and the head of their school unless that is them."""
    people = [(person, holder_reason)]
    head = person.school.headteacher if person.school else None
    if head is not None and head.pk != person.pk:
        people.append((head, f"headteacher of {person.school.name}"))
    return people


# How long before a role's end date its holder and their head are told.
ROLE_NOTICE = datetime.timedelta(days=30)


def queue_role_reviews(now: datetime.datetime) -> int:
    """A role ending within ROLE_NOTICE (an SLE designation due for its review): to the person
    and the head of their school. Once per role and end date."""
    today = timezone.localtime(now, LONDON).date()
    # A notice that began before notifications started is history, not news.
    started = timezone.localtime(news_since(), LONDON).date()
    roles = (
        RoleAssignment.objects.filter(
            ends_on__gte=max(today, started + ROLE_NOTICE), ends_on__lte=today + ROLE_NOTICE
        )
        .select_related("person__user", "person__school__headteacher__user", "role_type")
        .select_related("specialism")
    )
    queued = 0
    for role in roles:
        person = role.person
        people = _holder_and_head(person, "the holder of the role")
        context = {
            "role": role,
            "holder": person,
            "profile_url": portal_link(person.get_absolute_url()),
        }
        for recipient, reason in people:
            result = message_queue(
                person=recipient,
                kind=Kind.ROLE_REVIEW,
                key=f"role_review:{role.pk}:{role.ends_on.isoformat()}",
                reason=reason,
                context=context,
            )
            queued += result is not None
    return queued


# How long before an SLE or NLE designation's review the designated person and their head are
# told: time to gather the evidence the review asks for.
DESIGNATION_NOTICE = datetime.timedelta(days=60)


def queue_designation_reviews(now: datetime.datetime) -> int:
    """A designation (SLE, NLE) in force whose review is due within DESIGNATION_NOTICE: to the
    person and the head of their school, as a role review (the same choice in their settings).
    Once per designation and review date."""
    today = timezone.localtime(now, LONDON).date()
    started = timezone.localtime(news_since(), LONDON).date()
    designations = Designation.objects.review_due_between(
        max(today, started + DESIGNATION_NOTICE), today + DESIGNATION_NOTICE
    ).select_related("person__user", "person__school__headteacher__user", "area")
    queued = 0
    for designation in designations:
        person = designation.person
        people = _holder_and_head(person, "the person designated")
        context = {
            "designation": designation,
            "holder": person,
            "profile_url": portal_link(person.get_absolute_url()),
        }
        for recipient, reason in people:
            result = message_queue(
                person=recipient,
                kind=Kind.ROLE_REVIEW,
                template="designation_review",
                key=f"designation_review:{designation.pk}:{designation.review_due.isoformat()}",
                reason=reason,
                context=context,
            )
            queued += result is not None
    return queued
