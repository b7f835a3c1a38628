from django.contrib import admin
from django.db import models

from resources.models import Comment, Pin, Resource, Tag, Use


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "source_school", "specialism", "sharing", "partnership", "created_at"]
    list_filter = ["sharing", "specialism", "phase", "key_stage"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["source_school", "partnership"]
    filter_horizontal = ["tags"]
    # Files are uploaded through the resource hub, which checks their content and records their
    # type; an upload here would skip both. Admins replace a file there, as its author would.
    exclude = ["file"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["resource", "author", "created_at"]
    raw_id_fields = ["resource", "author"]


admin.site.register(Use)
admin.site.register(Pin)
