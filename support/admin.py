from django.contrib import admin

from support.models import Deployment, SupportRequest, Visit


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["school", "specialism", "wanted_from", "status", "created_at"]
    list_filter = ["status", "specialism"]
    search_fields = ["school__name", "needs"]
    autocomplete_fields = ["school", "requested_by"]


class VisitInline(admin.TabularInline):
    model = Visit
    extra = 0


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    list_display = [
        "system_leader",
        "supported_school",
        "partnership",
        "specialism",
        "starts_on",
        "ends_on",
        "time_agreed",
        "time_unit",
    ]
    list_filter = ["partnership", "specialism", "time_unit"]
    search_fields = ["focus", "supported_school__name", "system_leader__last_name"]
    autocomplete_fields = ["system_leader", "supported_school", "request"]
    inlines = [VisitInline]
