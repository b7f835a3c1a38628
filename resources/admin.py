from django.contrib import admin

from resources.models import Comment, Pin, Resource, Tag, Use


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "source_school", "specialism", "sharing", "partnership", "created_at"]
    list_filter = ["sharing", "specialism", "phase", "key_stage"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["source_school", "partnership"]
    filter_horizontal = ["tags"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["resource", "author", "created_at"]
    raw_id_fields = ["resource", "author"]


admin.site.register(Use)
admin.site.register(Pin)
