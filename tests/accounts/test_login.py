"""Sign-in and password reset: e-mail is the login, it must be verified, and nothing tells a
stranger whether an address has an account."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from accounts.models import SecurityEvent, SecurityEventKind
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def member(db):
    user = UserFactory(email="member@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def errors(response) -> list[str]:
    return re.findall(
        r'<div class="error-summary"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )


def login(client, email, password=PASSWORD, **headers):
    return client.post("/accounts/login/", {"login": email, "password": password}, **headers)


def test_member_signs_in_with_email_and_password(anonymous, member):
    response = login(anonymous, "member@example.org")
    assert response.status_code == 302
    assert anonymous.get("/people/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.SIGN_IN, user=member).exists()


def test_sign_in_page_asks_for_an_email_not_a_username(anonymous, db):
    html = anonymous.get("/accounts/login/").content.decode()
    assert 'type="email"' in html
    assert "username" not in html.lower()
    assert "/accounts/signup/" not in html  # Sign-up is closed: no link to it.
    assert "by invitation" in html


def test_wrong_password_and_unknown_address_get_the_same_answer(member):
    known = login(Client(), "member@example.org", "wrong-password")
    unknown = login(Client(), "nobody@example.org", "wrong-password")
    assert known.status_code == unknown.status_code == 200
    assert errors(known) == errors(unknown) != []
    failed = SecurityEvent.objects.filter(kind=SecurityEventKind.SIGN_IN_FAILED)
    assert failed.count() == 2
    assert all("wrong-password" not in str(event.details) for event in failed)


def test_unverified_address_cannot_sign_in(anonymous, db):
    user = UserFactory(email="unverified@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = login(anonymous, "unverified@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert anonymous.get("/people/").status_code == 302  # Still signed out.
    assert any("confirm" in message.subject.lower() for message in mail.outbox)


def test_sign_up_is_closed(anonymous, db):
    response = anonymous.post(
        "/accounts/signup/",
        {"email": "stranger@example.org", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert "Accounts are made by invitation" in response.content.decode()
    assert not EmailAddress.objects.filter(email="stranger@example.org").exists()


def test_reset_answers_the_same_for_known_and_unknown_addresses(member):
    known = Client().post("/accounts/password/reset/", {"email": "member@example.org"})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    # Only the member gets a link to set a new password.
    links = [m for m in mail.outbox if "/accounts/password/reset/key/" in m.body]
    assert [m.to for m in links] == [["member@example.org"]]


def test_password_reset_sets_a_new_password(anonymous, member):
    anonymous.post("/accounts/password/reset/", {"email": "member@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    response = anonymous.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a-brand-new-passphrase-77"
    response = anonymous.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_RESET).exists()
    # The reset link is spent.
    assert "This link no longer works" in anonymous.get(link.group(1), follow=True).content.decode()
