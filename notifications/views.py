"""Notification settings, one-click unsubscribe, and a coordinator's or chair's message to
their group or partnership."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alliance.permissions import person_of
from notifications.forms import GroupMessageForm, PreferencesForm
from notifications.group_message import group_recipients, message_send, partnership_recipients
from notifications.models import Kind
from notifications.rules import (
    can_change_notifications,
    can_message_group,
    can_message_partnership,
)
from notifications.services import choices_for, preferences_save, unsubscribe
from notifications.tokens import read_confirm_token, read_unsubscribe_token
from partnerships.views.access import get_group_for_user, get_partnership_for_user
from people.models import Person
from schools.models import School
from schools.services import school_profile_confirm


def _person_for_settings(request: HttpRequest, pk: int | None) -> Person:
    if pk is None:
        person = person_of(request.user)
        if person is None:
            raise Http404("Your account has no profile in the directory.")
        return person
    person = get_object_or_404(Person.objects.select_related("school"), pk=pk)
    if not can_change_notifications(request.user, person):
        raise PermissionDenied("Only the person themself and admins may change these settings.")
    return person


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """What the person gets by e-mail, kind by kind. Three queries and the session's."""
    person = _person_for_settings(request, pk)
    form = PreferencesForm(request.POST or None, initial_choices=choices_for(person))
    if request.method == "POST" and form.is_valid():
        preferences_save(person=person, choices=form.cleaned_data)
        messages.success(request, "Your notification settings are saved.")
        return redirect(request.path)
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "person": person, "own": person == person_of(request.user)},
    )


@csrf_exempt  # RFC 8058: the mail program's POST carries no cookie and no token but the URL's
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (link scanners fetch every link); POST turns that one kind off and answers 200,
    never a redirect. No sign-in: the signed token names the person and the kind."""
    found = read_unsubscribe_token(token)
    person = None
    if found is not None:
        person = Person.objects.filter(pk=found[0], erased_at__isnull=True).first()
    if person is None or found[1] not in Kind.values:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    kind = Kind(found[1])
    done = request.method == "POST"
    if done:
        unsubscribe(person=person, kind=kind)
    return render(
        request, "notifications/unsubscribe.html", {"kind": kind, "done": done, "token": token}
    )


def _send_form(request, *, audience: str, recipients, back_url: str) -> HttpResponse:
    form = GroupMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = message_send(
            sender=person_of(request.user),
            recipients=recipients(),
            audience=audience,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        people = "1 person" if count == 1 else f"{count} people"
        messages.success(request, f"Your message is on its way to {people}.")
        return redirect(back_url)
    return render(
        request,
        "notifications/message_form.html",
        {"form": form, "audience": audience, "back_url": back_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_group(request: HttpRequest, slug: str, group_slug: str) -> HttpResponse:
    group = get_group_for_user(request, slug, group_slug)
    if not can_message_group(request.user, group):
        raise PermissionDenied("Only the group's chair and coordinators may message it.")
    return _send_form(
        request,
        audience=f"the {group.name}",
        recipients=lambda: group_recipients(group),
        back_url=group.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_partnership(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership_for_user(request, slug)
    if not can_message_partnership(request.user, partnership):
        raise PermissionDenied("Only the partnership's coordinators may message it.")
    return _send_form(
        request,
        audience=f"everyone in {partnership.name}",
        recipients=lambda: partnership_recipients(partnership),
        back_url=partnership.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def confirm_profile(request: HttpRequest, token: str) -> HttpResponse:
    """ "My school's profile is still right", from the yearly e-mail, without signing in. GET
    shows the button (link scanners fetch every link); POST records the date on the school."""
    found = read_confirm_token(token)
    school = None
    if found is not None:
        school = (
            School.objects.select_related("headteacher")
            .filter(pk=found[1], headteacher_id=found[0])
            .first()
        )
    if school is None:
        return render(request, "notifications/confirm_invalid.html", status=404)
    done = request.method == "POST" and school_profile_confirm(
        school=school, person=school.headteacher
    )
    return render(request, "notifications/confirm.html", {"school": school, "done": done})
