from django.contrib import admin

from programme.models import Choice, Session, SessionDocument, Slot


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "kind", "strand", "room", "capacity"]
    show_change_link = True


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "starts_at", "ends_at"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    raw_id_fields = ["event"]
    inlines = [SessionInline]


class SessionDocumentInline(admin.TabularInline):
    # Read-only here: documents are uploaded through the session page, which checks their type.
    model = SessionDocument
    extra = 0
    fields = ["title", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["person", "status", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["person"]

    def has_add_permission(self, request, obj=None) -> bool:
        # A choice is made through the programme, which keeps places and waiting lists.
        return False


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "slot", "room", "capacity"]
    list_filter = ["kind"]
    list_select_related = ["slot"]
    search_fields = ["title", "strand", "slot__event__title"]
    raw_id_fields = ["slot"]
    autocomplete_fields = ["presenters"]
    inlines = [SessionDocumentInline, ChoiceInline]


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["person", "session"]
    search_fields = ["person__last_name", "person__first_name", "session__title"]
    raw_id_fields = ["slot", "session", "person"]
