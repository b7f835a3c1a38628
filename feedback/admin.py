from django.contrib import admin

from feedback.models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """The library of questions organisers choose from; a question that has answers cannot be
    deleted (switch it off instead)."""

    list_display = ["text", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["text"]
