from django.contrib import admin
from django.db import models
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from partnerships.admin import SchoolMembershipInline
from schools.models import School, UpdatedByRole


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
