"""The security log: what it records, that it never holds a secret, and that admins read it
(and nobody edits it)."""

import pytest
from django.test import RequestFactory

from accounts.audit import REMOVED, security_log
from accounts.models import SecurityEvent, SecurityEventKind
from tests.factories import UserFactory


def test_security_log_records_who_what_and_where(db):
    user = UserFactory()
    request = RequestFactory().get("/schools/export.csv", REMOTE_ADDR="192.0.2.7")
    event = security_log(
        kind=SecurityEventKind.EXPORT, user=user, request=request, what="schools", rows=3
    )
    event.refresh_from_db()
    assert (event.kind, event.user, event.ip, event.path) == (
        "export",
        user,
        "192.0.2.7",
        "/schools/export.csv",
    )
    assert event.details == {"what": "schools", "rows": 3}


def test_security_log_never_stores_a_password_token_or_code(db):
    event = security_log(
        kind=SecurityEventKind.SIGN_IN_FAILED,
        email="a@example.org",
        password="hunter2-secret",
        token="abc123token",
        code="123456",
        nested={"recovery_code": "9999-8888", "api_key": "k-1"},
    )
    stored = str(SecurityEvent.objects.get(pk=event.pk).details)
    for secret in ["hunter2-secret", "abc123token", "123456", "9999-8888", "k-1"]:
        assert secret not in stored
    assert event.details["password"] == REMOVED
    assert event.details["email"] == "a@example.org"


def test_security_log_refuses_an_unknown_kind(db):
    with pytest.raises(ValueError):
        security_log(kind="made_up")


def test_refused_access_is_logged(outsider):
    assert outsider.get("/accounts/invitations/").status_code == 403
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ACCESS_REFUSED)
    assert event.user == outsider.user
    assert event.path == "/accounts/invitations/"
    assert event.details == {"method": "GET"}


def test_admin_reads_the_security_log(admin, outsider):
    outsider.get("/accounts/invitations/")
    response = admin.get("/admin/accounts/securityevent/")
    assert response.status_code == 200
    assert "Access refused" in response.content.decode()


def test_nobody_edits_or_deletes_the_security_log(admin, outsider):
    outsider.get("/accounts/invitations/")
    event = SecurityEvent.objects.get()
    assert admin.get("/admin/accounts/securityevent/add/").status_code == 403
    assert admin.post(f"/admin/accounts/securityevent/{event.pk}/delete/").status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_non_admins_cannot_read_the_security_log(staff):
    response = staff.get("/admin/accounts/securityevent/", follow=True)
    assert response.status_code == 403


def test_making_someone_an_admin_is_logged(admin, staff):
    user = staff.user
    response = admin.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "email": user.email,
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            # The account's two-factor authenticators (none here).
            "authenticator_set-TOTAL_FORMS": "0",
            "authenticator_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ROLE_CHANGED)
    assert event.user == admin.user
    assert event.details == {"account": user.pk, "changed": {"is_staff": True}}
