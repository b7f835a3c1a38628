from django.contrib import admin

from events.models import (
    Attendance,
    CalendarFeedToken,
    Event,
    EventDocument,
    MinuteAction,
    Occasion,
    Registration,
    Rsvp,
)


class EventDocumentInline(admin.TabularInline):
    # Read-only here: documents are uploaded through the event page, which checks their type.
    model = EventDocument
    extra = 0
    fields = ["title", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    autocomplete_fields = ["person"]


class RsvpInline(admin.TabularInline):
    model = Rsvp
    extra = 0
    autocomplete_fields = ["person"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "school"]


class MinuteActionInline(admin.TabularInline):
    model = MinuteAction
    extra = 0
    autocomplete_fields = ["owner"]
    readonly_fields = ["done_at"]


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
        "occasion",
    ]
    readonly_fields = [
        "cancelled_at",
        "cancelled_by",
        "cancel_reason",
        "minutes_published_at",
        "minutes_published_by",
    ]
    inlines = [
        EventDocumentInline,
        RegistrationInline,
        RsvpInline,
        AttendanceInline,
        MinuteActionInline,
    ]


class OccasionEventInline(admin.TabularInline):
    # The meetings are attached from the event's own form (its "occasion" field).
    model = Event
    fk_name = "occasion"
    extra = 0
    fields = ["title", "starts_at", "host_school", "network_group"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Occasion)
class OccasionAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "created_at"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["partnership"]
    inlines = [OccasionEventInline]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ["person", "created_at"]
    autocomplete_fields = ["person"]
    readonly_fields = ["token"]
