from django import forms
from django.contrib import admin
from django.contrib import messages as django_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from partnerships.admin import SchoolMembershipInline
from schools.choices import CorrectionStatus
from schools.corrections import (
    CorrectionRefused,
    correction_approve,
    correction_keep,
    correction_reject,
    correction_withdraw,
)
from schools.models import School, SchoolCorrection, TermPeriod, UpdatedByRole
from schools.term_dates import read_term_dates, term_dates_replace


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "urn",
        "phase",
        "establishment_type",
        "town",
        "local_authority",
        "status",
        "headteacher",
        "is_published",
        "updated_at",
    ]
    list_filter = [
        "phase",
        "status",
        "establishment_type",
        "designation",
        "ofsted_grade",
        "is_published",
        "local_authority",
    ]
    search_fields = ["name", "urn", "laestab", "postcode", "town"]
    list_select_related = ["headteacher"]
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["headteacher", "editors"]
    inlines = [SchoolMembershipInline]
    readonly_fields = [
        "version",
        "updated_at",
        "updated_by",
        "updated_by_role",
        "register_imported_at",
        "school_set_fields",
        "corrected_fields",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_published", "headteacher", "editors"]}),
        (
            "The public register's facts",
            {
                "fields": [
                    ("urn", "laestab"),
                    ("phase", "establishment_type", "status"),
                    "address_line1",
                    "address_line2",
                    "address_line3",
                    ("town", "postcode"),
                    "local_authority",
                    ("latitude", "longitude"),
                    ("telephone", "website"),
                    ("statutory_low_age", "statutory_high_age"),
                    ("pupils_on_roll", "capacity"),
                    "fsm_percent",
                    ("ofsted_inspection_date", "ofsted_grade"),
                    "ofsted_outcome",
                    "ofsted_report_url",
                ]
            },
        ),
        (
            "From the school",
            {"fields": ["email", "eal_percent", "designation", "ethos", "alliance_offer", "logo"]},
        ),
        ("Record", {"fields": readonly_fields, "classes": ["collapse"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        # Saving here bumps the version too, so a portal edit started before this save is
        # refused rather than silently overwriting the admin's change.
        obj.updated_by = request.user
        obj.updated_by_role = UpdatedByRole.ADMIN
        if change:
            School.objects.filter(pk=obj.pk).update(version=F("version") + 1)
            obj.version = School.objects.filter(pk=obj.pk).values_list("version", flat=True)[0]
        super().save_model(request, obj, form, change)


@admin.register(SchoolCorrection)
class SchoolCorrectionAdmin(admin.ModelAdmin):
    """Schools' requests to correct register facts: pending ones and approved ones the
    register has changed since come first; each is decided with an action."""

    list_display = [
        "school",
        "field",
        "proposed_value",
        "register_value",
        "state",
        "requested_by",
        "requested_at",
    ]
    list_filter = ["status", ("register_changed_at", admin.EmptyFieldListFilter), "field"]
    search_fields = ["school__name", "school__urn"]
    list_select_related = ["school", "requested_by"]
    readonly_fields = [
        "school",
        "field",
        "proposed_value",
        "register_value",
        "reason",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
        "register_changed_to",
        "register_changed_at",
    ]
    fields = [*readonly_fields[:10], "decision_note", *readonly_fields[10:]]
    actions = ["approve", "reject", "keep_after_review", "withdraw"]

    def get_queryset(self, request):
        waiting = Q(status=CorrectionStatus.PENDING) | Q(
            status=CorrectionStatus.APPROVED, register_changed_at__isnull=False
        )
        return (
            super()
            .get_queryset(request)
            .annotate(waiting=Case(When(waiting, then=Value(0)), default=Value(1)))
            .order_by("waiting", "-requested_at")
        )

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="state", ordering="status")
    def state(self, correction: SchoolCorrection) -> str:
        if correction.needs_review:
            return f"Register changed; review (it now says {correction.register_changed_to!r})"
        return correction.get_status_display()

    def _decide(self, request, queryset, decide, done: str) -> None:
        decided, refused = 0, []
        for correction in queryset.select_related("school"):
            try:
                decide(correction=correction, by=request.user)
                decided += 1
            except (CorrectionRefused, ValidationError) as error:
                messages = getattr(error, "messages", [str(error)])
                refused.append(f"{correction.school}: {correction.field_label}: {messages[0]}")
        if decided:
            self.message_user(request, f"{done}: {decided}.", level=django_messages.SUCCESS)
        for problem in refused:
            self.message_user(request, f"Not changed. {problem}", level=django_messages.ERROR)

    @admin.action(description="Approve the selected corrections")
    def approve(self, request, queryset) -> None:
        self._decide(request, queryset, correction_approve, "Approved")

    @admin.action(description="Reject the selected corrections")
    def reject(self, request, queryset) -> None:
        self._decide(request, queryset, correction_reject, "Rejected")

    @admin.action(description="Register changed: keep the correction")
    def keep_after_review(self, request, queryset) -> None:
        self._decide(request, queryset, correction_keep, "Kept after review")

    @admin.action(description="Withdraw the correction: show the register's value")
    def withdraw(self, request, queryset) -> None:
        self._decide(request, queryset, correction_withdraw, "Withdrawn")


class TermDatesImportForm(forms.Form):
    urn = forms.CharField(
        label="School URN",
        required=False,
        max_length=6,
        help_text="For one school's own dates (for example its INSET days).",
    )
    local_authority = forms.CharField(
        required=False,
        max_length=100,
        help_text="For a local authority's default dates, its name as schools have it.",
    )
    file = forms.FileField(
        label="CSV file", help_text="Columns kind,name,first_day,last_day; at most 1 MB."
    )

    def clean_urn(self) -> School | None:
        urn = self.cleaned_data["urn"].strip()
        if not urn:
            return None
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise forms.ValidationError(f"No school has the URN {urn[:6]!r}.")
        return school

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError("The file is larger than 1 MB.")
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if data.get("urn") and (data.get("local_authority") or "").strip():
            raise forms.ValidationError(
                "Give a school's URN or a local authority, not both (neither: the alliance)."
            )
        return data


@admin.register(TermPeriod)
class TermPeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "first_day", "last_day", "school", "local_authority"]
    list_filter = ["kind", "local_authority"]
    search_fields = ["name", "school__name", "school__urn", "local_authority"]
    list_select_related = ["school"]
    autocomplete_fields = ["school"]
    date_hierarchy = "first_day"
    change_list_template = "admin/schools/termperiod/change_list.html"

    def get_urls(self):
        load = self.admin_site.admin_view(self.import_view)
        return [path("import/", load, name="schools_termperiod_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Load a year's dates for one owner from a CSV: all rows or none."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method not in ("GET", "POST"):
            return HttpResponse(status=405, headers={"Allow": "GET, POST"})
        form = TermDatesImportForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Load term dates",
            "form": form,
            "problems": [],
        }
        if request.method == "GET":
            return TemplateResponse(request, "admin/schools/termperiod/import.html", context)
        if form.is_valid():
            school = form.cleaned_data["urn"]
            authority = form.cleaned_data["local_authority"].strip()
            plan = read_term_dates(
                form.cleaned_data["file"].read(), school=school, local_authority=authority
            )
            if not plan.errors:
                saved = term_dates_replace(plan=plan, school=school, local_authority=authority)
                owner = school or authority or "the alliance"
                self.message_user(
                    request, f"Loaded {saved} term dates for {owner}.", django_messages.SUCCESS
                )
                return HttpResponseRedirect(reverse("admin:schools_termperiod_changelist"))
            context["problems"] = plan.errors
        return TemplateResponse(
            request, "admin/schools/termperiod/import.html", context, status=400
        )
