from django.contrib import admin

from people.models import Person, RoleAssignment, RoleType, Specialism


@admin.register(RoleType)
class RoleTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "is_system_leader", "ordering"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Specialism)
class SpecialismAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["role_type", "specialism", "partnership"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "job_title", "school", "contact_visibility"]
    list_filter = ["contact_visibility", "role_assignments__role_type"]
    search_fields = ["first_name", "last_name", "preferred_name", "email", "school__name"]
    autocomplete_fields = ["user", "school", "organisation"]
    list_select_related = ["school"]
    inlines = [RoleAssignmentInline]
