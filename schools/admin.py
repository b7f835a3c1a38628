from django.contrib import admin
from django.contrib import messages as django_messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
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
from schools.feeders import FeederLink
from schools.models import School, SchoolCorrection, UpdatedByRole


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


@admin.register(FeederLink)
class FeederLinkAdmin(admin.ModelAdmin):
    """Which primary schools feed which secondary schools: kept by alliance admins."""

    list_display = ["feeder", "receiver", "kind"]
    list_filter = ["kind"]
    search_fields = ["feeder__name", "receiver__name"]
    autocomplete_fields = ["feeder", "receiver"]
    list_select_related = ["feeder", "receiver"]
