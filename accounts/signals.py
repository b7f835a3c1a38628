"""Receivers for sign-in events raised by Django and allauth.

Signals are the only hook these frameworks give for these moments; the receivers only stamp
the session and write the security log, no business rules.
"""

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import authentication_failed, authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in

from accounts.audit import security_log
from accounts.models import SecurityEventKind
from accounts.sessions import stamp_new_session


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        stamp_new_session(request)


def on_mfa_failed(sender, request, user, **kwargs) -> None:
    security_log(kind=SecurityEventKind.MFA_FAILED, user=user, request=request)


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    security_log(
        kind=SecurityEventKind.MFA_ADDED, user=user, request=request, type=authenticator.type
    )


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    security_log(
        kind=SecurityEventKind.MFA_REMOVED, user=user, request=request, type=authenticator.type
    )


def on_password_changed(sender, request, user, **kwargs) -> None:
    security_log(kind=SecurityEventKind.PASSWORD_CHANGED, user=user, request=request)


def on_password_reset(sender, request, user, **kwargs) -> None:
    security_log(kind=SecurityEventKind.PASSWORD_RESET, user=user, request=request)


def connect() -> None:
    user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts_stamp_session")
    authentication_failed.connect(on_mfa_failed, dispatch_uid="accounts_mfa_failed")
    authenticator_added.connect(on_authenticator_added, dispatch_uid="accounts_mfa_added")
    authenticator_removed.connect(on_authenticator_removed, dispatch_uid="accounts_mfa_removed")
    password_changed.connect(on_password_changed, dispatch_uid="accounts_password_changed")
    password_reset.connect(on_password_reset, dispatch_uid="accounts_password_reset")
