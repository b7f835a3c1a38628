"""A person's career: recording a post at a school and ending it (the ended post stays in the
career), and their SLE or NLE designations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alliance.permissions import is_admin, person_of
from people.access import get_person_for_user
from people.careers import (
    CareerError,
    designation_record,
    designation_update,
    post_end,
    post_record,
    qualification_add,
    qualification_remove,
)
from people.forms_posts import (
    DesignationForm,
    EndPostForm,
    PostForm,
    QualificationForm,
    schools_for_posts,
)
from people.models import Person


@login_required
@require_http_methods(["GET", "POST"])
def post_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Heads and editors of the person's school (at the schools they run) and admins."""
    person = get_person_for_user(
        request, pk, action="posts", queryset=Person.objects.select_related("school")
    )
    schools = schools_for_posts(person_of(request.user), admin=is_admin(request.user))
    form = PostForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            post = post_record(person=person, by=request.user, **form.cleaned_data)
        except CareerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{post} added to {person.display_name}'s career.")
            return redirect(person)
    return render(request, "people/post_add.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def post_end_view(request: HttpRequest, pk: int, post_pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, action="posts", queryset=Person.objects.select_related("school")
    )
    post = get_object_or_404(person.posts.select_related("school"), pk=post_pk)
    form = EndPostForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            post_end(post=post, ends_on=form.cleaned_data["ends_on"], by=request.user)
        except CareerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{post} ended; it now shows as a past post.")
            return redirect(person)
    return render(request, "people/post_end.html", {"person": person, "post": post, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def designation_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Like roles: the person's school's head and editors, and admins (not the person)."""
    person = get_person_for_user(
        request, pk, action="roles", queryset=Person.objects.select_related("school")
    )
    form = DesignationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            designation = designation_record(person=person, by=request.user, **form.cleaned_data)
        except CareerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{designation} added to {person.display_name}'s profile.")
            return redirect(person)
    context = {"person": person, "form": form, "title": "Add a designation"}
    return render(request, "people/designation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def designation_edit(request: HttpRequest, pk: int, designation_pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, action="roles", queryset=Person.objects.select_related("school")
    )
    designation = get_object_or_404(person.designations.all(), pk=designation_pk)
    form = DesignationForm(request.POST or None, instance=designation)
    if request.method == "POST" and form.is_valid():
        designation_update(designation=designation, by=request.user, **form.cleaned_data)
        messages.success(request, f"{designation} saved.")
        return redirect(person)
    context = {"person": person, "form": form, "title": "Change a designation"}
    return render(request, "people/designation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def qualification_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """As the profile: the person themself, their school's head and editors, and admins."""
    person = get_person_for_user(
        request, pk, action="edit", queryset=Person.objects.select_related("school")
    )
    form = QualificationForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        record = qualification_add(person=person, by=request.user, **form.cleaned_data)
        messages.success(request, f"{record} added to {person.display_name}'s profile.")
        return redirect(person)
    context = {"person": person, "form": form, "title": "Add a programme or qualification"}
    return render(request, "people/designation_form.html", context)


@login_required
@require_POST
def qualification_remove_view(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    person = get_person_for_user(
        request, pk, action="edit", queryset=Person.objects.select_related("school")
    )
    record = get_object_or_404(person.qualification_records.all(), pk=record_pk)
    qualification_remove(record=record, by=request.user)
    messages.success(request, f"{record} removed from {person.display_name}'s profile.")
    return redirect(person)
