from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import ratelimit
from accounts.audit import security_log
from accounts.forms import AcceptInvitationForm, InvitationForm
from accounts.models import Invitation, SecurityEventKind
from accounts.rules import can_invite_to_school, schools_user_may_invite_to
from accounts.services import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_withdraw,
)

# The answer for each refusal: a link that never worked is "not found", a spent one is "gone".
REFUSAL_STATUS = {"invalid": 404, "used": 410, "expired": 410}


def _invitable_schools(request: HttpRequest):
    """The schools this user may invite to; 403 when there are none (they may not invite)."""
    schools = schools_user_may_invite_to(request.user)
    if not schools.exists():
        raise PermissionDenied("Only headteachers and alliance admins may invite people.")
    return schools


@login_required
@require_http_methods(["GET"])
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Pending invitations to the schools the user may invite to. Two queries for any number."""
    schools = _invitable_schools(request)
    invitations = Invitation.objects.for_list().filter(school__in=schools)
    return render(request, "accounts/invitation_list.html", {"invitations": invitations})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest) -> HttpResponse:
    schools = _invitable_schools(request)
    # "Invite staff to this school" on a school's page names the school: choose it already.
    chosen = request.GET.get("school")
    initial = {"school": schools.filter(slug=chosen).first()} if chosen else {}
    form = InvitationForm(request.POST or None, schools=schools, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(request=request, **form.cleaned_data)
        except InvitationError as error:
            field = "email" if error.code in {"other_domain", "already_registered"} else None
            form.add_error(field, error.message)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("accounts:list")
    context = {"form": form, "invitation_days": settings.INVITATION_EXPIRY_DAYS}
    return render(request, "accounts/invitation_new.html", context)


def get_invitation_for_user(request: HttpRequest, pk: int) -> Invitation:
    """A pending invitation the user may manage; 404 for any other (ids cannot be probed)."""
    invitation = get_object_or_404(Invitation.objects.pending().select_related("school"), pk=pk)
    if not can_invite_to_school(request.user, invitation.school):
        raise Http404("No such invitation.")
    return invitation


@login_required
@require_POST
def invitation_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request, pk)
    invitation_withdraw(request=request, invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} withdrawn.")
    return redirect("accounts:list")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: check the address, choose a password, and be signed in."""
    if not ratelimit.allow(
        request,
        action="accept_invitation",
        limit=settings.INVITATION_ACCEPT_RATE_LIMIT,
        period=settings.INVITATION_ACCEPT_RATE_PERIOD,
    ):
        security_log(kind=SecurityEventKind.RATE_LIMITED, request=request, action="accept")
        return render(request, "429.html", status=429)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_signed_in.html", status=403)
    try:
        invitation = invitation_for_token(token)
    except InvitationError as error:
        security_log(kind=SecurityEventKind.INVITATION_REFUSED, request=request, reason=error.code)
        context = {"message": error.message}
        return render(
            request, "accounts/invitation_refused.html", context, status=REFUSAL_STATUS[error.code]
        )

    form = AcceptInvitationForm(request.POST or None, invited_email=invitation.email)
    if request.method == "POST":
        if form.is_valid():
            try:
                user = invitation_accept(
                    request=request,
                    token=token,
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                )
            except InvitationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Welcome! Your account is ready.")
                # The password just chosen counts as signing in with it: a headteacher sent
                # on to set up an authenticator is not asked for it again.
                record_authentication(request, user, method="password")
                return perform_login(request, user)
        elif "email" in form.errors:
            security_log(
                kind=SecurityEventKind.INVITATION_REFUSED,
                request=request,
                reason="wrong_address",
                invitation=invitation.pk,
            )
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
