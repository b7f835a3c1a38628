from django.contrib import admin

from partnerships.models import (
    Membership,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
    Statement,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school", "coordinator"]


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_school", "parent", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_school", "parent"]
    inlines = [StatementInline, MembershipInline]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["partnerships"]


@admin.register(NetworkGroup)
class NetworkGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "focus", "chair", "cadence"]
    list_filter = ["focus", "cadence"]
    search_fields = ["name", "partnership__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partnership", "chair", "members", "reports_to"]
