"""Accounts: sign-in users, invitations (the only way in), allowed e-mail domains and the
security log."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A sign-in account. The e-mail address is the identifier; the profile lives on Person."""

    email = models.EmailField("e-mail address", unique=True)
    is_staff = models.BooleanField(
        "alliance admin",
        default=False,
        help_text="Alliance admins manage the whole portal and may use Django admin.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Part of the session hash: raising it signs the user out of every session at once
    # (see accounts.adapter.AccountAdapter.logout).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_alliance_admin(self) -> bool:
        return self.is_active and (self.is_staff or self.is_superuser)

    def _get_session_auth_hash(self, secret=None) -> str:
        """Django's session hash (the password hash, HMAC'd) plus the session epoch.

        Django checks this hash on every request: a session whose stored hash no longer
        matches (password changed, or epoch raised at sign-out) is signed out.
        """
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(
            key_salt,
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


def hash_token(token: str) -> str:
    """The stored form of an invitation token: the token itself is never stored."""
    return hashlib.sha256(token.encode()).hexdigest()


class SchoolEmailDomain(models.Model):
    """An e-mail domain a school's headteacher may invite to (e.g. abbeyfield.example.org).

    Invitations to any other domain need an alliance admin.
    """

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField(max_length=253, help_text="Without the @, e.g. school.example.org")
    # Single sign-on with Microsoft (accounts.socialadapter): an address at this domain is
    # accepted only from this Entra tenant, and only when the tenant has verified the domain.
    entra_tenant_id = models.UUIDField(
        "Microsoft Entra tenant id",
        null=True,
        blank=True,
        help_text=(
            "The school's Microsoft 365 tenant (directory) id, for signing in with Microsoft. "
            "Empty: nobody at this domain signs in with Microsoft."
        ),
    )

    class Meta:
        ordering = ["school", "domain"]
        verbose_name = "school e-mail domain"
        constraints = [
            models.UniqueConstraint(fields=["school", "domain"], name="school_email_domain_unique")
        ]

    def __str__(self) -> str:
        return f"{self.domain} ({self.school})"

    def clean(self) -> None:
        self.domain = self.domain.strip().lower().lstrip("@")


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted nor expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def for_list(self) -> InvitationQuerySet:
        """The pending invitations page: one query, whatever the number of rows."""
        return self.pending().select_related("school", "invited_by").order_by("expires_at")


class Invitation(models.Model):
    """An invitation for one e-mail address to make an account, at one school.

    Single use (accepted_at), expiring (expires_at) and bound to `email`. Only a hash of the
    token is stored, so a copy of the database cannot be used to accept invitations.
    """

    email = models.EmailField("e-mail address")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            )
        ]
        indexes = [models.Index(fields=["email"], name="invitation_email_idx")]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class SecurityEventKind(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    MFA_FAILED = "mfa_failed", "Two-factor code refused"
    MFA_ADDED = "mfa_added", "Two-factor authentication set up"
    MFA_REMOVED = "mfa_removed", "Two-factor authentication removed"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET = "password_reset", "Password reset"
    INVITATION_SENT = "invitation_sent", "Invitation sent"
    INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
    INVITATION_REFUSED = "invitation_refused", "Invitation refused"
    INVITATION_WITHDRAWN = "invitation_withdrawn", "Invitation withdrawn"
    RATE_LIMITED = "rate_limited", "Rate limit reached"
    EXPORT = "export", "Data exported"
    ACCESS_REFUSED = "access_refused", "Access refused"
    ROLE_CHANGED = "role_changed", "Role changed"
    MEMBERSHIP_CHANGED = "membership_changed", "Membership changed"
    SUBJECT_ACCESS = "subject_access", "Personal data downloaded (subject access)"
    ERASURE = "erasure", "Personal data erased"


class SecurityEvent(models.Model):
    """One line of the security log. Written through accounts.audit.security_log only."""

    kind = models.CharField(max_length=40, choices=SecurityEventKind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "-created_at"], name="security_event_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"
