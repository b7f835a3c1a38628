from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from schools.models import School


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "urn", "phase", "establishment_type", "town", "status", "is_published"]
    list_filter = ["phase", "status", "establishment_type", "designation", "is_published"]
    search_fields = ["name", "urn", "postcode", "town"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["headteacher", "editors"]
