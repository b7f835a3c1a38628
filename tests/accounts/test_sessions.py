"""Sessions end when idle, at a maximum age, and everywhere when the user signs out; changing
the password ends the user's other sessions."""

import time

from django.test import Client

from accounts.sessions import SEEN_AT, STARTED_AT


def set_session(client, **values) -> None:
    session = client.session
    session.update(values)
    session.save()


def is_signed_in(client) -> bool:
    return client.get("/people/").status_code == 200


def second_browser(persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def test_an_idle_session_is_signed_out(staff, settings):
    now = int(time.time())
    set_session(staff, **{SEEN_AT: now - settings.SESSION_IDLE_TIMEOUT - 1})
    response = staff.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not is_signed_in(staff)


def test_an_active_session_is_signed_out_at_its_maximum_age(staff, settings):
    now = int(time.time())
    set_session(staff, **{STARTED_AT: now - settings.SESSION_MAX_AGE - 1, SEEN_AT: now})
    assert not is_signed_in(staff)


def test_activity_keeps_a_session_alive(staff, settings):
    two_minutes_ago = int(time.time()) - 120
    set_session(staff, **{SEEN_AT: two_minutes_ago})
    assert is_signed_in(staff)
    assert staff.session[SEEN_AT] > two_minutes_ago


def test_a_session_without_timestamps_is_signed_out(staff):
    session = staff.session
    del session[STARTED_AT]
    session.save()
    assert not is_signed_in(staff)


def test_session_limits_are_set(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_AGE <= 12 * 60 * 60
    assert settings.SESSION_IDLE_TIMEOUT < settings.SESSION_MAX_AGE


def test_signing_out_ends_every_session_of_the_user(staff):
    laptop = second_browser(staff)
    assert is_signed_in(laptop)
    assert staff.post("/accounts/logout/").status_code == 302
    assert not is_signed_in(staff)
    assert not is_signed_in(laptop)


def test_signing_out_leaves_other_users_signed_in(staff, outsider):
    staff.post("/accounts/logout/")
    assert is_signed_in(outsider)


def test_changing_the_password_ends_the_other_sessions(staff):
    laptop = second_browser(staff)
    new = "a-brand-new-passphrase-77"
    response = staff.post(
        "/accounts/password/change/",
        {"oldpassword": "correct-horse-battery", "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert is_signed_in(staff)
    assert not is_signed_in(laptop)
