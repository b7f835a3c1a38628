from django.contrib import admin

from events.models import Event, EventDocument, Registration


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "host_school", "partnership", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "description"]
    date_hierarchy = "starts_at"
    autocomplete_fields = [
        "partnership",
        "network_group",
        "host_school",
        "chair",
        "minute_taker",
    ]
    inlines = [EventDocumentInline, RegistrationInline]
