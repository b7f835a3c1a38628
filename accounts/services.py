"""Invitations: the only way to get an account.

An admin, or a school's headteacher for their own school, invites an e-mail address. The
invitation expires, is used once and only by that address; accepting it creates a verified
account and links it to the person's directory profile.
"""

from __future__ import annotations

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.audit import security_log
from accounts.models import Invitation, SchoolEmailDomain, SecurityEventKind, User, hash_token
from accounts.rules import can_invite_any_domain, can_invite_to_school
from people.models import Person
from schools.models import School


class InvitationError(Exception):
    """A refused invitation step; `code` says why and `message` says it to the user."""

    MESSAGES = {
        "not_allowed": "You may not invite people to this school.",
        "other_domain": (
            "This address is outside the school's e-mail domains: ask an alliance admin to "
            "invite it."
        ),
        "already_registered": "This address already has an account: they can sign in.",
        "invalid": "This invitation link is not valid. Ask for a new invitation.",
        "used": "This invitation has already been used. Sign in, or ask for a new invitation.",
        "expired": "This invitation has expired. Ask for a new invitation.",
        "wrong_address": "This invitation was sent to a different e-mail address.",
    }

    def __init__(self, code: str) -> None:
        self.code = code
        self.message = self.MESSAGES[code]
        super().__init__(self.message)


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def invitation_refusals(*, user: User, school: School, emails: list[str]) -> dict[str, str]:
    """For each address `user` may not invite to `school`, the refusal's code (see
    InvitationError); addresses that may be invited are absent. Three queries at most, however
    many addresses."""
    emails = [email.strip().lower() for email in emails]
    if not can_invite_to_school(user, school):
        return dict.fromkeys(emails, "not_allowed")
    refusals = {}
    if not can_invite_any_domain(user):
        domains = set(
            SchoolEmailDomain.objects.filter(school=school).values_list("domain", flat=True)
        )
        refusals |= {e: "other_domain" for e in emails if email_domain(e) not in domains}
    registered = User.objects.annotate(address=Lower("email")).filter(address__in=emails)
    refusals |= dict.fromkeys(registered.values_list("address", flat=True), "already_registered")
    return refusals


def check_may_invite(*, user: User, school: School, email: str) -> None:
    """Raise InvitationError when `user` may not invite `email` to `school`."""
    refusal = invitation_refusals(user=user, school=school, emails=[email])
    if refusal:
        raise InvitationError(*refusal.values())


@transaction.atomic
def invitation_create(
    *,
    request: HttpRequest,
    school: School,
    email: str,
    first_name: str,
    last_name: str,
) -> Invitation:
    """Invite `email` to `school` on behalf of request.user, and e-mail them the link.

    Earlier pending invitations for the same address are withdrawn: only the newest link works.
    """
    email = email.strip().lower()
    inviter = request.user
    check_may_invite(user=inviter, school=school, email=email)
    Invitation.objects.pending().filter(email__iexact=email).delete()
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        school=school,
        invited_by=inviter,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_EXPIRY_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    accept_url = request.build_absolute_uri(reverse("accounts:accept", kwargs={"token": token}))
    # Sent inside the transaction: if the mail server refuses it, no invitation is left behind.
    _send_invitation_mail(invitation.email, {"invitation": invitation, "accept_url": accept_url})
    security_log(
        kind=SecurityEventKind.INVITATION_SENT,
        user=inviter,
        request=request,
        invitation=invitation.pk,
        email=invitation.email,
        school=school.pk,
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, request: HttpRequest, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link stops working at once."""
    security_log(
        kind=SecurityEventKind.INVITATION_WITHDRAWN,
        user=request.user,
        request=request,
        invitation=invitation.pk,
        email=invitation.email,
    )
    invitation.delete()


def _send_invitation_mail(email: str, context: dict) -> None:
    context = {**context, "portal_name": settings.PORTAL_NAME}
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [email])


def invitation_for_token(token: str) -> Invitation:
    """The usable invitation behind `token`, or InvitationError (invalid, used, expired)."""
    invitation = (
        Invitation.objects.select_related("school").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationError("invalid")
    if invitation.is_accepted:
        raise InvitationError("used")
    if invitation.is_expired:
        raise InvitationError("expired")
    return invitation


@transaction.atomic
def invitation_accept(*, request: HttpRequest, token: str, email: str, password: str) -> User:
    """Create the invited account (e-mail verified) and link it to the person's profile.

    The profile is the unclaimed, not erased Person with that e-mail (one at the invitation's
    school first); when there is none, a Person is created at the invitation's school.
    """
    invitation = invitation_for_token(token)
    # Lock the row so two simultaneous acceptances cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_accepted:
        raise InvitationError("used")
    if email.strip().lower() != invitation.email.lower():
        raise InvitationError("wrong_address")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError("already_registered")

    user = User.objects.create_user(email=invitation.email, password=password)
    person = account_profile_link(user=user, invitation=invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    security_log(
        kind=SecurityEventKind.INVITATION_ACCEPTED,
        user=user,
        request=request,
        invitation=invitation.pk,
        person=person.pk,
    )
    return user


def account_profile_link(*, user: User, invitation: Invitation) -> Person:
    """Mark the new account's address verified and link it to the person's profile.

    The profile is the unclaimed, not erased Person with that e-mail (one at the invitation's
    school first); when there is none, a Person is created at the invitation's school.
    """
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    candidates = Person.objects.active().filter(email__iexact=invitation.email, user__isnull=True)
    person = candidates.filter(school=invitation.school).first() or candidates.first()
    if person is None:
        person = Person(
            first_name=invitation.first_name,
            last_name=invitation.last_name,
            school=invitation.school,
            email=invitation.email,
            user=user,
        )
        person.full_clean()
        person.save()
    else:
        # Only the link is new: the profile's own fields are not re-validated here.
        person.user = user
        person.save(update_fields=["user"])
    return person
