"""Single sign-on: whether to trust what Microsoft, Google or an OpenID Connect provider says
about the person signing in, and whose account that sign-in opens (docs/sso.md).

Nobody signs up by SSO alone. A sign-in opens, in this order:
1. the account already linked to this provider account;
2. the account with the asserted e-mail address (made earlier from an invitation);
3. a new account for a pending invitation to that address (the invitation is then used);
4. a new account for the person the directory lists with that address at a member school
   whose e-mail domain it is (the school's staff list, kept by its head, is the invitation).
Anyone else is refused. So is a sign-in for a school that has left the alliance (no current
membership of any partnership).

Trust differs by provider, because the providers assert different things:
- Microsoft: the tenant (from Microsoft Graph) must be registered for the address's domain
  (SchoolEmailDomain.entra_tenant_id), and the tenant must have verified that domain. Graph's
  `mail` is not verified by Microsoft on its own, so it is never enough.
- Google: `email_verified`, and a hosted domain (`hd`, a Google Workspace) that is a member
  school's domain, the same school as the address's. `hd` sent to Google is only a hint; the
  one in the ID token is what counts.
- OpenID Connect: `email_verified`.

Multi-factor: an OpenID Connect provider's ID token may say, in `amr` (RFC 8176), how the
person signed in there. "mfa", or a possession factor ("otp", "hwk", "swk", "sc") together
with another method, counts as two factors and the portal's own TOTP step is skipped for
that sign-in (accounts.stages). Codes by text message or phone ("sms", "tel") do not count:
the portal's own bar is an authenticator app. Microsoft and Google sign-ins are always followed
by the portal's TOTP step (allauth's Microsoft provider reads no ID token, and Google's has no
`amr`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.audit import security_log
from accounts.models import Invitation, SchoolEmailDomain, SecurityEventKind, User
from accounts.services import account_profile_link, email_domain
from partnerships.models import Membership
from people.models import Person

MICROSOFT = "microsoft"
GOOGLE = "google"
OPENID_CONNECT = "openid_connect"

# RFC 8176 methods that prove possession of a device an authenticator app would stand for.
POSSESSION_FACTORS = {"otp", "hwk", "swk", "sc"}


class SSORefused(Exception):
    """A refused single sign-on; `code` says why and `message` says it to the person."""

    MESSAGES = {
        "no_email": "Your account did not tell us your e-mail address.",
        "unverified_email": "Your e-mail address has not been verified by your school's "
        "sign-in service.",
        "foreign_tenant": "Your organisation's Microsoft 365 is not registered with this portal.",
        "foreign_domain": "Your e-mail address is not at a member school of the alliance.",
        "not_invited": "There is no invitation or directory entry for your e-mail address.",
        "school_left": "Your school is no longer a member of the alliance.",
        "unknown_provider": "This sign-in service is not accepted here.",
        "other_address": "That account's e-mail address is not the one you sign in with here.",
    }

    def __init__(self, code: str) -> None:
        self.code = code
        self.message = self.MESSAGES[code]
        super().__init__(self.message)


@dataclass(frozen=True)
class Assertion:
    """What a provider asserted about the person signing in."""

    provider: str
    email: str
    email_verified: bool = False
    # Microsoft: the Entra tenant and the domains it has verified (Graph's /organization).
    tenant_id: str = ""
    tenant_domains: frozenset[str] = field(default_factory=frozenset)
    # Google: the Workspace domain of the account, from the ID token.
    hosted_domain: str = ""
    # OpenID Connect: the ID token's authentication methods.
    amr: tuple[str, ...] = ()

    @property
    def domain(self) -> str:
        return email_domain(self.email)


def _true(value) -> bool:
    """A claim's boolean: JSON true, or the string "true" some providers send."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def assertion_from(provider: str, extra_data: dict, organization: dict | None = None) -> Assertion:
    """Read the claims allauth stored for this sign-in (SocialAccount.extra_data).

    `organization` is Microsoft Graph's /organization entry for a Microsoft sign-in.
    """
    if provider == MICROSOFT:
        organization = organization or {}
        return Assertion(
            provider=provider,
            email=str(extra_data.get("mail") or extra_data.get("userPrincipalName") or ""),
            tenant_id=str(organization.get("id") or "").lower(),
            tenant_domains=frozenset(
                str(d.get("name", "")).lower() for d in organization.get("verifiedDomains") or []
            ),
        )
    if provider == GOOGLE:
        return Assertion(
            provider=provider,
            email=str(extra_data.get("email") or ""),
            email_verified=_true(extra_data.get("email_verified")),
            hosted_domain=str(extra_data.get("hd") or "").lower(),
        )
    if provider == OPENID_CONNECT:
        # allauth keeps the userinfo answer and the ID token; userinfo wins for the profile,
        # as in allauth's own provider, and `amr` exists only in the ID token.
        id_token = extra_data.get("id_token") or {}
        claims = extra_data.get("userinfo") or id_token
        amr = id_token.get("amr") or []
        return Assertion(
            provider=provider,
            email=str(claims.get("email") or ""),
            email_verified=_true(claims.get("email_verified")),
            amr=tuple(str(m).lower() for m in amr) if isinstance(amr, list) else (),
        )
    return Assertion(provider=provider, email="")


def asserts_multi_factor(assertion: Assertion) -> bool:
    """True when the provider's ID token says the person used two factors (see above)."""
    if assertion.provider != OPENID_CONNECT:
        return False
    methods = set(assertion.amr)
    return "mfa" in methods or (bool(methods & POSSESSION_FACTORS) and len(methods) >= 2)


def _member_schools(school_ids) -> set[int]:
    """The schools among `school_ids` with a current membership of any partnership."""
    current = Membership.objects.current().filter(school_id__in=school_ids)
    return set(current.values_list("school_id", flat=True))


def trusted_school_ids(assertion: Assertion) -> set[int]:
    """Check the provider's word (see the module's docstring) and return the schools whose
    e-mail domain the address is at (may be empty for OpenID Connect). Raise SSORefused."""
    if assertion.provider not in {MICROSOFT, GOOGLE, OPENID_CONNECT}:
        raise SSORefused("unknown_provider")
    if "@" not in assertion.email:
        raise SSORefused("no_email")
    domain = assertion.domain
    domains = SchoolEmailDomain.objects.all()
    if assertion.provider == MICROSOFT:
        try:
            tenant = uuid.UUID(assertion.tenant_id)
        except ValueError:
            raise SSORefused("foreign_tenant") from None
        tenant_rows = domains.filter(entra_tenant_id=tenant)
        if not tenant_rows.exists():
            raise SSORefused("foreign_tenant")
        if domain not in assertion.tenant_domains:
            raise SSORefused("unverified_email")
        schools = set(tenant_rows.filter(domain=domain).values_list("school_id", flat=True))
        if not schools:
            raise SSORefused("foreign_domain")
    elif assertion.provider == GOOGLE:
        if not assertion.email_verified:
            raise SSORefused("unverified_email")
        hosted = set(
            domains.filter(domain=assertion.hosted_domain).values_list("school_id", flat=True)
        )
        schools = set(
            domains.filter(domain=domain, school_id__in=hosted).values_list("school_id", flat=True)
        )
        if not assertion.hosted_domain or not schools:
            raise SSORefused("foreign_domain")
    else:
        if not assertion.email_verified:
            raise SSORefused("unverified_email")
        schools = set(domains.filter(domain=domain).values_list("school_id", flat=True))
    if schools and not _member_schools(schools):
        raise SSORefused("school_left")
    return schools


@transaction.atomic
def sso_account_for(
    *, request: HttpRequest, assertion: Assertion, linked_user: User | None = None
) -> User:
    """The account this sign-in opens (see the module's docstring), made now from a pending
    invitation or a directory entry when there is none yet. Raise SSORefused."""
    schools = trusted_school_ids(assertion)
    email = assertion.email.strip().lower()
    user = linked_user or User.objects.filter(email__iexact=email).first()
    if user is not None:
        person = Person.objects.filter(user=user).first()
        _check_member(person.school_id if person else None)
        return user

    invitation = Invitation.objects.pending().filter(email__iexact=email).first()
    if invitation is not None:
        _check_member(invitation.school_id)
        user = User.objects.create_user(email=email)
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
            provider=assertion.provider,
        )
        return user

    person = (
        Person.objects.active()
        .filter(email__iexact=email, user__isnull=True, school_id__in=_member_schools(schools))
        .first()
    )
    if person is None:
        raise SSORefused("not_invited" if schools else "foreign_domain")
    user = User.objects.create_user(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    person.user = user
    person.save(update_fields=["user"])
    security_log(
        kind=SecurityEventKind.INVITATION_ACCEPTED,
        user=user,
        request=request,
        person=person.pk,
        provider=assertion.provider,
        directory=True,
    )
    return user


def _check_member(school_id: int | None) -> None:
    """Refuse a sign-in for a school that has left the alliance (accounts without a school,
    such as alliance admins, are not bound to one)."""
    if school_id is not None and not _member_schools({school_id}):
        raise SSORefused("school_left")


def check_connect(*, assertion: Assertion, user: User) -> None:
    """A signed-in person connecting a provider account to theirs: the provider must be
    trusted as for a sign-in, and assert this account's own address. Raise SSORefused."""
    trusted_school_ids(assertion)
    if assertion.email.strip().lower() != user.email.lower():
        raise SSORefused("other_address")
