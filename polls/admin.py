from django.contrib import admin

from polls.models import Poll, PollOption


class PollOptionInline(admin.TabularInline):
    model = PollOption
    extra = 0


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "network_group", "created_at", "closed_at"]
    list_filter = ["closed_at"]
    search_fields = ["title", "partnership__name", "network_group__name"]
    list_select_related = ["partnership", "network_group"]
    autocomplete_fields = ["partnership", "network_group", "created_by"]
    raw_id_fields = ["event"]
    inlines = [PollOptionInline]
