"""Once a year each headteacher is asked whether their school's profile is still right; one
click on "Still correct" (no sign-in) records the date the school page shows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from notifications import tick
from notifications.delivery import deliver_due
from notifications.models import Kind, Message
from schools.models import School
from tests.notifications.conftest import parts

pytestmark = pytest.mark.django_db

A_YEAR_ON = datetime.timedelta(days=366)


def _confirm_path(smtp) -> str:
    text = parts(smtp.messages[-1])["text/plain"]
    return re.search(r"https://portal\.example\.org(/notifications/confirm/\S+/)", text).group(1)


def test_the_head_is_asked_a_year_on_and_one_click_records_the_date(smtp, head, school):
    tick.run()
    assert not Message.objects.filter(kind=Kind.PROFILE_CHECK).exists()  # not before a year
    later = timezone.now() + A_YEAR_ON
    tick.run(later)
    tick.run(later)
    deliver_due(owner="test")
    assert [m["Subject"] for m in smtp.messages] == [
        "Is Abbeyfield Primary School's profile still right?"
    ]
    path = _confirm_path(smtp)
    anonymous = Client()
    assert b"Still correct" in anonymous.get(path).content
    school.refresh_from_db()
    assert school.profile_confirmed_at is None  # opening the link changes nothing
    version = school.version
    response = anonymous.post(path)
    assert response.status_code == 200
    school.refresh_from_db()
    assert school.profile_confirmed_at is not None
    assert school.version == version  # not an edit of the profile
    page = anonymous.get(school.get_absolute_url())
    assert b"Last confirmed" in page.content


def test_a_link_for_a_former_head_or_a_forged_one_changes_nothing(smtp, head, school, staff):
    tick.run(timezone.now() + A_YEAR_ON)
    deliver_due(owner="test")
    path = _confirm_path(smtp)
    School.objects.filter(pk=school.pk).update(headteacher=staff.person)
    assert Client().post(path).status_code == 404
    assert Client().post(path[:-6] + "xx/").status_code == 404
    school.refresh_from_db()
    assert school.profile_confirmed_at is None


def test_a_confirmed_profile_is_not_asked_about_again_within_the_year(head, school):
    School.objects.filter(pk=school.pk).update(
        profile_confirmed_at=timezone.now() + datetime.timedelta(days=30)
    )
    tick.run(timezone.now() + A_YEAR_ON)
    assert not Message.objects.filter(kind=Kind.PROFILE_CHECK).exists()


def test_a_role_ending_within_a_month_is_announced_to_its_holder_and_their_head(head, staff):
    from tests.factories import RoleAssignmentFactory

    today = timezone.localdate()
    role = RoleAssignmentFactory(
        person=staff.person,
        starts_on=today - datetime.timedelta(days=4 * 365),
        ends_on=today + datetime.timedelta(days=60),
    )
    tick.run()
    assert not Message.objects.filter(kind=Kind.ROLE_REVIEW).exists()  # two months off
    in_five_weeks = timezone.now() + datetime.timedelta(days=35)
    tick.run(in_five_weeks)
    tick.run(in_five_weeks)
    sent = Message.objects.filter(kind=Kind.ROLE_REVIEW)
    assert sorted(sent.values_list("person_id", flat=True)) == sorted(
        [staff.person.pk, head.person.pk]
    )
    mine = sent.get(person=staff.person)
    assert mine.subject.startswith(f"Your role ends on {role.ends_on:%-d %B %Y}")
    assert sent.get(person=head.person).subject.startswith(
        f"{staff.person.display_name}'s role ends on"
    )


def test_a_register_import_that_changes_a_fact_asks_the_head_again(head, school):
    School.objects.filter(pk=school.pk).update(
        profile_confirmed_at=timezone.now() - datetime.timedelta(days=10)
    )
    tick.run()
    assert not Message.objects.filter(kind=Kind.PROFILE_CHECK).exists()  # confirmed lately
    # What the register import writes when it changes a fact (registers.importer).
    School.objects.filter(pk=school.pk).update(
        register_imported_at=timezone.now(), updated_by_role="register", telephone="020 7946 0999"
    )
    tick.run()
    tick.run()
    (message,) = Message.objects.filter(kind=Kind.PROFILE_CHECK)
    assert message.person == head.person
    assert "The public register's import changed some facts" in message.body_text
