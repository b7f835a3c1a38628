from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from alliance.permissions import can_erase_person
from people.models import Person, RoleAssignment, RoleType, Specialism
from people.photos import PhotoField, clean_photo
from people.services import person_erase


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


class PersonAdminForm(forms.ModelForm):
    """Photos uploaded in admin are checked and re-encoded like those from the portal."""

    class Meta:
        model = Person
        fields = ["photo"]  # ModelAdmin adds the rest from its own field list.
        field_classes = {"photo": PhotoField}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return clean_photo(photo)
        return photo


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    list_display = [
        "last_name",
        "first_name",
        "job_title",
        "school",
        "contact_visibility",
        "erased_at",
    ]
    list_filter = ["contact_visibility", "role_assignments__role_type", "erased_at"]
    search_fields = ["first_name", "last_name", "preferred_name", "email", "school__name"]
    autocomplete_fields = ["user", "school", "organisation"]
    list_select_related = ["school"]
    readonly_fields = ["erased_at", "updated_by", "created_at", "updated_at"]
    inlines = [RoleAssignmentInline]
    actions = ["erase_personal_data"]

    def has_delete_permission(self, request: HttpRequest, obj: Person | None = None) -> bool:
        # Deleting a person would delete their registrations and break the events and minutes
        # that name them. Erase their personal data instead (the action in the list).
        return False

    @admin.action(description="Erase personal data (GDPR) of the selected people")
    def erase_personal_data(self, request: HttpRequest, queryset) -> HttpResponse | None:
        people = [p for p in queryset.select_related("school") if can_erase_person(request.user, p)]
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Erase personal data?",
                "people": people,
                "queryset": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/people/person/erase_confirmation.html", context)
        for person in people:
            person_erase(person=person, by=request.user)
        self.message_user(
            request, f"Erased the personal data of {len(people)} people.", messages.SUCCESS
        )
        return None
