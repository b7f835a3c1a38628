from django.contrib import admin

from search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "subtitle", "is_public", "updated_at"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "keys"]
    readonly_fields = [f.name for f in SearchDocument._meta.fields]

    def has_add_permission(self, request):
        return False
