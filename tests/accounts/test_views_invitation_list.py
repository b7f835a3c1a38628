"""The pending invitations page: a head sees their school's, an admin everyone's."""

import pytest
from django.test import Client

from accounts.models import Invitation, SecurityEvent, SecurityEventKind
from tests.accounts.conftest import make_invitation

URL = "/accounts/invitations/"


def test_head_sees_their_schools_pending_invitations_only(head, school, other_school):
    make_invitation(school, email="mine@example.org", token="a")
    make_invitation(other_school, email="theirs@example.org", token="b")
    accepted = make_invitation(school, email="done@example.org", token="c")
    accepted.accepted_at = accepted.created_at
    accepted.save()
    html = head.get(URL).content.decode()
    assert "mine@example.org" in html
    assert "theirs@example.org" not in html
    assert "done@example.org" not in html


def test_expired_invitations_are_not_pending(head, school):
    make_invitation(school, email="old@example.org", token="a", expires_in_hours=-1)
    assert "old@example.org" not in head.get(URL).content.decode()


def test_admin_sees_every_schools_invitations(admin, school, other_school):
    make_invitation(school, email="mine@example.org", token="a")
    make_invitation(other_school, email="theirs@example.org", token="b")
    html = admin.get(URL).content.decode()
    assert "mine@example.org" in html and "theirs@example.org" in html


@pytest.mark.parametrize("persona", ["staff", "editor", "outsider"])
def test_others_may_not_see_invitations(persona, request, school):
    make_invitation(school, email="mine@example.org", token="a")
    assert request.getfixturevalue(persona).get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(anonymous):
    assert anonymous.get(URL)["Location"].startswith("/accounts/login/")


def test_list_costs_the_same_for_one_and_many_invitations(head, school, django_assert_num_queries):
    """Schools and inviters come with the invitations (no query per row)."""
    make_invitation(school, email="first@example.org", token="t0")
    with django_assert_num_queries(4):
        head.get(URL)
    for n in range(1, 30):
        make_invitation(school, email=f"p{n}@example.org", token=f"t{n}")
    with django_assert_num_queries(4):
        response = head.get(URL)
    assert response.content.decode().count("@example.org</th>") == 30


def withdraw_url(invitation) -> str:
    return f"/accounts/invitations/{invitation.pk}/withdraw/"


def test_head_withdraws_a_pending_invitation(head, school):
    invitation = make_invitation(school, token="withdraw-me")
    response = head.post(withdraw_url(invitation))
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.INVITATION_WITHDRAWN).exists()
    assert head.get("/accounts/invitations/withdraw-me/").status_code == 403  # signed in
    assert Client().get("/accounts/invitations/withdraw-me/").status_code == 404


def test_withdraw_refuses_get(head, school):
    invitation = make_invitation(school, token="t")
    assert head.get(withdraw_url(invitation)).status_code == 405


def test_anonymous_cannot_withdraw(anonymous, school):
    invitation = make_invitation(school, token="t")
    assert anonymous.post(withdraw_url(invitation))["Location"].startswith("/accounts/login/")
    assert Invitation.objects.filter(pk=invitation.pk).exists()


@pytest.mark.parametrize("persona", ["staff", "editor", "outsider"])
def test_others_cannot_withdraw_and_learn_nothing(persona, request, school):
    invitation = make_invitation(school, token="t")
    response = request.getfixturevalue(persona).post(withdraw_url(invitation))
    assert response.status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_head_cannot_withdraw_another_schools_invitation(head, other_school):
    invitation = make_invitation(other_school, token="t")
    assert head.post(withdraw_url(invitation)).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()
