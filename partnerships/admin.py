from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from alliance.lib.widgets import DateInput
from partnerships.group_services import group_chair_sync
from partnerships.models import (
    GroupChair,
    GroupObjective,
    Membership,
    MembershipRole,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
    Statement,
    overlap_message,
)
from partnerships.services import partnership_add_schools
from schools.models import School


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """Each row is checked against the database by Membership.clean(); this also refuses two
    rows of the same submission that overlap each other (the same school in the same
    partnership: on a partnership's page the partnership is given, on a school's the school)."""

    def clean(self) -> None:
        super().clean()
        rows = [
            form.instance
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.instance.school_id or form.instance.partnership_id)
        ]
        for index, first in enumerate(rows):
            for second in rows[index + 1 :]:
                same = (first.school_id, first.partnership_id) == (
                    second.school_id,
                    second.partnership_id,
                )
                if same and _dates_meet(first, second):
                    raise ValidationError(overlap_message(first), code="membership_overlap")


def _dates_meet(first: Membership, second: Membership) -> bool:
    first_before_second = (
        first.left_on is not None
        and second.joined_on is not None
        and first.left_on < second.joined_on
    )
    second_before_first = (
        second.left_on is not None
        and first.joined_on is not None
        and second.left_on < first.joined_on
    )
    return not (first_before_second or second_before_first)


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 0
    autocomplete_fields = ["school", "coordinator"]


class SchoolMembershipInline(admin.TabularInline):
    """A school's partnerships, on the school's change page."""

    model = Membership
    formset = MembershipInlineFormSet
    extra = 0
    fields = ["partnership", "role", "coordinator", "joined_on", "left_on", "hosts_meetings"]
    autocomplete_fields = ["partnership", "coordinator"]
    verbose_name_plural = "partnerships (memberships)"


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0


class AddSchoolsForm(forms.Form):
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.order_by("name"),
        widget=FilteredSelectMultiple("schools", is_stacked=False),
    )
    role = forms.ChoiceField(choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    joined_on = forms.DateField(required=False, widget=DateInput(), label="Joined on")


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_school", "parent", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_school", "parent"]
    inlines = [StatementInline, MembershipInline]
    actions = ["add_schools_action"]

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/add-schools/",
                self.admin_site.admin_view(self.add_schools_view),
                name="partnerships_partnership_add_schools",
            )
        ]
        return urls + super().get_urls()

    @admin.action(description="Add schools to the selected partnership")
    def add_schools_action(self, request: HttpRequest, queryset) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(
                request, "Select exactly one partnership to add schools to.", messages.WARNING
            )
            return None
        url = reverse("admin:partnerships_partnership_add_schools", args=[queryset.get().pk])
        return HttpResponseRedirect(url)

    def add_schools_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """An intermediate page: pick several schools, a role and a joining date, add them."""
        partnership = get_object_or_404(Partnership, pk=pk)
        if not self.has_change_permission(request, partnership):
            raise PermissionDenied
        form = AddSchoolsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            result = partnership_add_schools(
                partnership=partnership,
                schools=form.cleaned_data["schools"],
                role=form.cleaned_data["role"],
                joined_on=form.cleaned_data["joined_on"],
            )
            if result.added:
                names = ", ".join(str(school) for school in result.added)
                self.message_user(request, f"Added to {partnership}: {names}.", messages.SUCCESS)
            for school, reason in result.skipped:
                self.message_user(request, f"{school} was not added: {reason}", messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:partnerships_partnership_change", args=[partnership.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Add schools to {partnership}",
            "partnership": partnership,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/partnerships/add_schools.html", context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["school", "partnership", "role", "coordinator", "joined_on", "left_on"]
    list_filter = ["role", "partnership"]
    # A school is often known by its URN (the register's number) rather than its name.
    search_fields = ["school__name", "school__urn", "partnership__name"]
    autocomplete_fields = ["school", "partnership", "coordinator"]
    list_select_related = ["school", "partnership", "coordinator"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["partnerships"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class GroupChairInline(admin.TabularInline):
    """Chairs, co-chairs and co-leads: each current one has the chair's rights."""

    model = GroupChair
    extra = 0
    autocomplete_fields = ["person"]


class GroupObjectiveInline(admin.StackedInline):
    model = GroupObjective
    extra = 0


@admin.register(NetworkGroup)
class NetworkGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "focus", "chair", "cadence"]
    list_filter = ["focus", "cadence"]
    search_fields = ["name", "partnership__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partnership", "chair", "members", "reports_to"]
    inlines = [GroupChairInline, GroupObjectiveInline]

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The named chair and the chair rows say the same (partnerships.rules.chairs_group).
        group_chair_sync(
            group=form.instance,
            chair_changed="chair" in form.changed_data,
            replaced=form.initial.get("chair"),
        )
