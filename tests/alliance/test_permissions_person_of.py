"""alliance.permissions.person_of: no profile means None; a database error is not swallowed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection

from alliance.permissions import person_of
from events.models import Registration
from tests.factories import EventFactory, UserFactory

# The profile is read on its own, or joined to the user when a request loads its user.
PROFILE_LOOKUP = '"people_person"."user_id"'


def refuse_profile_lookups(execute, sql, params, many, context):
    """Act like a database that went away just as the profile is read."""
    if PROFILE_LOOKUP in sql:
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_anonymous_has_no_profile():
    assert person_of(AnonymousUser()) is None


def test_account_without_profile_has_none(db):
    assert person_of(UserFactory()) is None


def test_account_with_profile_gets_it(staff):
    user = type(staff.user).objects.get(pk=staff.user.pk)
    assert person_of(user) == staff.person


def test_database_error_reading_the_profile_is_raised_not_taken_for_no_profile(db):
    user = UserFactory()
    with connection.execute_wrapper(refuse_profile_lookups), pytest.raises(OperationalError):
        person_of(user)


def test_registering_while_the_database_fails_answers_503_not_403(staff):
    # Before: the swallowed error made a member look like a stranger: 403, "not allowed".
    event = EventFactory(capacity=5)
    # The profile now comes with the user, read by middleware before the view: the error
    # reaches the error handler (as it would in production), which answers the 503 page.
    staff.raise_request_exception = False
    with connection.execute_wrapper(refuse_profile_lookups):
        response = staff.post(f"/events/{event.pk}/register/")
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content
    assert not Registration.objects.filter(event=event).exists()
