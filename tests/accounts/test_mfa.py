"""Two-factor sign-in (TOTP and recovery codes): required for alliance admins and
headteachers, who reach only the set-up pages until they have set it up."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from accounts.models import SecurityEvent, SecurityEventKind
from tests.totp import current_code

ACTIVATE = "/accounts/2fa/totp/activate/"


def sign_in(persona) -> Client:
    """A fresh browser signing in as `persona` through the real sign-in form."""
    user = persona.user
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    client.login_response = response
    return client


def age_session_authentications(client, seconds: int) -> None:
    """Pretend every authentication of the client's session happened `seconds` ago."""
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= seconds
    session.save()


@pytest.mark.parametrize("persona", ["head", "admin"])
def test_head_and_admin_without_mfa_reach_only_the_set_up_pages(persona, request):
    client = sign_in(request.getfixturevalue(persona))
    for url in ["/", "/people/", "/schools/", "/accounts/invitations/", "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE, url
    # The password typed a moment ago is enough: no "Confirm access" before the set-up.
    assert client.get(ACTIVATE).status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get("/static/css/site.css").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/people/")["Location"].startswith("/accounts/login/")


def test_setting_up_totp_opens_the_portal(head, django_capture_on_commit_callbacks):
    client = sign_in(head)
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=head.user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/people/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.MFA_ADDED).exists()


def test_set_up_long_after_signing_in_asks_for_the_password_again(head, settings):
    """The sign-in counts as a recent authentication only for the re-authentication window."""
    client = sign_in(head)
    age_session_authentications(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
    response = client.get(ACTIVATE)
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": "correct-horse-battery"})
    assert response["Location"] == ACTIVATE
    assert client.get(ACTIVATE).status_code == 200


def test_recovery_codes_straight_after_set_up_need_no_password(
    head, django_capture_on_commit_callbacks
):
    client = sign_in(head)
    client.get(ACTIVATE)
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200
    assert client.get("/accounts/2fa/recovery-codes/generate/").status_code == 200


@pytest.mark.parametrize("persona", ["staff", "editor", "coordinator"])
def test_other_roles_need_no_second_factor(persona, request):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get("/people/").status_code == 200


@pytest.fixture
def head_with_totp(head):
    secret = generate_totp_secret()
    TOTP.activate(head.user, secret)
    head.secret = secret
    return head


def test_head_with_totp_must_give_a_code_to_sign_in(head_with_totp):
    client = sign_in(head_with_totp)
    assert client.login_response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/people/")["Location"].startswith("/accounts/login/")  # Not yet in.
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/people/")["Location"].startswith("/accounts/login/")
    failed = SecurityEvent.objects.get(kind=SecurityEventKind.MFA_FAILED)
    assert failed.user == head_with_totp.user
    assert "000000" not in str(failed.details)

    code = current_code(head_with_totp.secret)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/people/").status_code == 200
    assert all(code not in str(e.details) for e in SecurityEvent.objects.all())


def test_django_admin_sign_in_goes_through_allauth(anonymous, db):
    response = anonymous.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = anonymous.get("/admin/")
    assert response.status_code == 302


def test_django_admin_refuses_a_signed_in_non_admin(staff):
    assert staff.get("/admin/login/").status_code == 403
    assert staff.get("/admin/", follow=True).status_code == 403


def test_django_admin_opens_for_an_admin_with_mfa(admin):
    TOTP.activate(admin.user, generate_totp_secret())
    client = sign_in(admin)
    assert client.login_response["Location"] == "/accounts/2fa/authenticate/"


def test_an_admin_resets_a_lost_authenticator_from_the_account_page(admin, head_with_totp):
    """docs/security.md, "A lost authenticator": delete the rows on the account's admin page;
    the next sign-in asks for a new one to be set up."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = head_with_totp.user
    RecoveryCodes.activate(user)
    rows = list(Authenticator.objects.filter(user=user).order_by("pk"))
    data = {
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "authenticator_set-TOTAL_FORMS": str(len(rows)),
        "authenticator_set-INITIAL_FORMS": str(len(rows)),
    }
    for i, row in enumerate(rows):
        data |= {
            f"authenticator_set-{i}-id": row.pk,
            f"authenticator_set-{i}-user": user.pk,
            f"authenticator_set-{i}-DELETE": "on",
        }
    response = admin.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Authenticator.objects.filter(user=user).exists()
    removed = SecurityEvent.objects.filter(kind=SecurityEventKind.MFA_REMOVED)
    assert {e.details["type"] for e in removed} == {"totp", "recovery_codes"}
    assert {e.user for e in removed} == {admin.user}

    client = sign_in(head_with_totp)
    assert client.get("/people/")["Location"] == ACTIVATE


def test_a_non_admin_cannot_reach_the_account_page(staff, head_with_totp):
    response = staff.get(f"/admin/accounts/user/{head_with_totp.user.pk}/change/")
    assert response.status_code in (302, 403)
    assert Authenticator.objects.filter(user=head_with_totp.user).exists()
