"""The invite page: admins invite anyone to any school, a headteacher only to their own
school and its e-mail domains; everyone else is refused."""

import re

import pytest
from django.core import mail

from accounts.models import Invitation, SecurityEvent, SecurityEventKind, hash_token
from tests.factories import UserFactory

URL = "/accounts/invitations/new/"


def post_invite(client, school, email="new.teacher@abbeyfield.example.org"):
    return client.post(
        URL, {"email": email, "first_name": "Nia", "last_name": "Okafor", "school": school.pk}
    )


def test_head_invites_an_address_at_their_schools_domain(head, school, school_domain):
    response = post_invite(head, school)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/invitations/"
    invitation = Invitation.objects.get()
    assert invitation.email == "new.teacher@abbeyfield.example.org"
    assert invitation.school == school
    assert invitation.invited_by == head.user
    assert invitation.accepted_at is None
    # The e-mail carries the link; the database holds only its hash.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.teacher@abbeyfield.example.org"]
    token = re.search(r"/accounts/invitations/([\w-]+)/", message.body).group(1)
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.INVITATION_SENT).count() == 1


def test_head_cannot_invite_an_address_outside_the_schools_domains(head, school, school_domain):
    response = post_invite(head, school, email="someone@gmail.example.com")
    assert response.status_code == 200
    assert "ask an alliance admin" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_head_cannot_invite_to_another_school(head, school, other_school, school_domain):
    response = post_invite(head, other_school)
    assert response.status_code == 200
    assert "Choose one of the options offered for “School”." in response.content.decode()
    assert not Invitation.objects.exists()


def test_admin_invites_any_domain_to_any_school(admin, other_school):
    response = post_invite(admin, other_school, email="Visitor@University.example.org")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "visitor@university.example.org"
    assert invitation.school == other_school
    assert len(mail.outbox) == 1


def test_an_address_with_an_account_is_not_invited_again(admin, school):
    UserFactory(email="taken@example.org")
    response = post_invite(admin, school, email="taken@example.org")
    assert response.status_code == 200
    assert "already has an account" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_the_pending_one(admin, school):
    post_invite(admin, school)
    post_invite(admin, school)
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("persona", ["staff", "editor", "coordinator", "outsider"])
def test_who_is_not_a_head_or_admin_cannot_invite(persona, request, school, school_domain):
    client = request.getfixturevalue(persona)
    assert client.get(URL).status_code == 403
    assert post_invite(client, school).status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_anonymous_is_sent_to_sign_in(anonymous, school):
    response = post_invite(anonymous, school)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Invitation.objects.exists()


def test_invite_page_refuses_wrong_method(head):
    assert head.put(URL).status_code == 405


def test_invite_form_shows_errors_with_a_summary(head, school):
    response = head.post(URL, {"email": "not-an-address", "school": school.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_email"' in html
    assert not Invitation.objects.exists()


def test_link_from_a_school_page_chooses_that_school(admin, school, other_school):
    html = admin.get(URL, {"school": other_school.slug}).content.decode()
    assert f'<option value="{other_school.pk}" selected>' in html
    assert f'<option value="{school.pk}" selected>' not in html


def test_link_naming_a_school_the_head_may_not_invite_to_chooses_nothing(
    head, school, other_school
):
    response = head.get(URL, {"school": other_school.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="" selected>' in html
    assert other_school.name not in html
