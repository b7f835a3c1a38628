"""The notification settings page: each person's own, admins' for support, nobody else's."""

from __future__ import annotations

import pytest

from notifications.models import Choice, Kind
from notifications.services import choices_for
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/settings/"


def _all(choice: str, **overrides: str) -> dict[str, str]:
    return dict.fromkeys(Kind.values, choice) | overrides


def test_a_member_sees_the_defaults_and_saves_their_choices(staff):
    response = staff.get(URL)
    assert response.status_code == 200
    assert b"My notification settings" in response.content
    assert choices_for(staff.person)[Kind.DIGEST] == Choice.OFF  # the digest is opt-in
    response = staff.post(URL, _all(Choice.ON, minutes=Choice.DIGEST, reminder=Choice.OFF))
    assert response.status_code == 302
    choices = choices_for(staff.person)
    assert choices[Kind.MINUTES] == Choice.DIGEST
    assert choices[Kind.REMINDER] == Choice.OFF
    assert choices[Kind.DIGEST] == Choice.ON


def test_a_choice_that_does_not_exist_is_refused_and_nothing_changes(staff):
    response = staff.post(URL, _all(Choice.ON, reminder=Choice.DIGEST, minutes="sometimes"))
    assert response.status_code == 200
    assert "Choose one of the options offered for “Minutes published”".encode() in response.content
    assert choices_for(staff.person)[Kind.MINUTES] == Choice.ON


def test_another_member_may_not_open_or_change_someone_elses_settings(staff, outsider):
    url = f"{URL}{staff.person.pk}/"
    assert outsider.get(url).status_code == 403
    assert outsider.post(url, _all(Choice.OFF)).status_code == 403
    assert choices_for(staff.person)[Kind.REMINDER] == Choice.ON


def test_an_admin_may_change_a_members_settings_for_support(admin, staff):
    url = f"{URL}{staff.person.pk}/"
    assert admin.get(url).status_code == 200
    admin.post(url, _all(Choice.OFF))
    assert choices_for(staff.person)[Kind.REMINDER] == Choice.OFF


def test_anonymous_visitors_are_sent_to_sign_in(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_costs_the_same_queries_with_or_without_saved_choices(
    staff, django_assert_num_queries
):
    """Session, user with person, the person's choices in one query: never one per kind."""
    with django_assert_num_queries(3):
        staff.get(URL)
    staff.post(URL, _all(Choice.OFF))
    PersonFactory.create_batch(3)
    with django_assert_num_queries(3):
        staff.get(URL)
