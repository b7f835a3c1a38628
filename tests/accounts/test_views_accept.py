"""Accepting an invitation at /accounts/invitations/<token>/: once, in time, by that address."""

from allauth.account.models import EmailAddress

from accounts.models import SecurityEvent, SecurityEventKind, User
from people.models import Person
from tests.accounts.conftest import make_invitation
from tests.factories import PersonFactory

TOKEN = "valid-token-0123456789"
URL = f"/accounts/invitations/{TOKEN}/"
PASSWORD = "a-long-unusual-passphrase-42"


def accept(client, email="new.teacher@abbeyfield.example.org"):
    return client.post(URL, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_accepting_creates_a_verified_account_linked_to_the_existing_profile(
    anonymous, invitation, school
):
    person = PersonFactory(school=school, email="New.Teacher@abbeyfield.example.org")
    response = accept(anonymous)
    assert response.status_code == 302
    user = User.objects.get(email="new.teacher@abbeyfield.example.org")
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    person.refresh_from_db()
    assert person.user == user
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_user == user
    # And they are signed in.
    assert anonymous.get("/people/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.INVITATION_ACCEPTED).exists()


def test_accepting_creates_a_profile_at_the_school_when_there_is_none(anonymous, invitation):
    accept(anonymous)
    person = Person.objects.get(user__email="new.teacher@abbeyfield.example.org")
    assert (person.first_name, person.last_name) == ("Nia", "Okafor")
    assert person.school == invitation.school


def test_an_invited_headteacher_sets_up_two_factor_without_typing_the_password_again(
    anonymous, invitation, school
):
    school.headteacher = PersonFactory(school=school, email="new.teacher@abbeyfield.example.org")
    school.save(update_fields=["headteacher"])
    response = accept(anonymous)
    assert anonymous.get(response["Location"])["Location"] == "/accounts/2fa/totp/activate/"
    assert anonymous.get("/accounts/2fa/totp/activate/").status_code == 200


def test_the_accept_page_shows_the_form(anonymous, invitation):
    response = anonymous.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert invitation.school.name in html
    assert 'value="new.teacher@abbeyfield.example.org"' in html


def test_an_expired_invitation_is_refused(anonymous, school):
    make_invitation(school, token=TOKEN, expires_in_hours=-1)
    response = accept(anonymous)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.exists()


def test_an_invitation_works_only_once(anonymous, invitation, client):
    assert accept(anonymous).status_code == 302
    response = accept(client)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert User.objects.count() == 1


def test_another_address_cannot_use_the_invitation(anonymous, invitation):
    response = accept(anonymous, email="someone.else@abbeyfield.example.org")
    assert response.status_code == 200
    assert "sent to a different e-mail address" in response.content.decode()
    assert not User.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert SecurityEvent.objects.filter(
        kind=SecurityEventKind.INVITATION_REFUSED, details__reason="wrong_address"
    ).exists()


def test_an_unknown_token_is_not_found(anonymous, invitation):
    response = anonymous.get("/accounts/invitations/not-a-real-token/")
    assert response.status_code == 404
    assert not User.objects.exists()


def test_a_weak_password_is_refused_with_a_message(anonymous, invitation):
    response = anonymous.post(
        URL,
        {
            "email": "new.teacher@abbeyfield.example.org",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


def test_a_signed_in_user_cannot_accept(staff, invitation):
    response = accept(staff)
    assert response.status_code == 403
    assert not User.objects.filter(email=invitation.email).exists()


def test_accept_refuses_wrong_method(anonymous, invitation):
    assert anonymous.put(URL).status_code == 405


def test_the_token_never_reaches_the_security_log(anonymous, invitation, client):
    accept(anonymous, email="someone.else@abbeyfield.example.org")
    accept(anonymous)
    client.get("/accounts/invitations/guess-token/")
    for event in SecurityEvent.objects.all():
        assert TOKEN not in str(event.details) and TOKEN not in event.path
        assert PASSWORD not in str(event.details)
    # Refused (wrong address), accepted, signed in, refused (unknown token).
    assert SecurityEvent.objects.filter(path="/accounts/invitations/<str:token>/").count() == 4
