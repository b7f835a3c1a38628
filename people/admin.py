from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from alliance.permissions import is_admin
from people.forms import ADMIN_FIELDS, PROFILE_FIELDS
from people.models import Person, RoleAssignment, RoleType, Specialism
from people.photos import PhotoField, clean_photo
from people.rules import can_erase_person
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
        fields = [*PROFILE_FIELDS, *ADMIN_FIELDS, "user"]  # As PersonAdmin.fieldsets groups them.
        field_classes = {"photo": PhotoField}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return clean_photo(photo)
        return photo


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Every field of a profile, grouped as the portal's profile page groups them.

    Removing a person is the portal's erasure (`erase`), from the change
    page's "Delete" link or the list's action: the row stays, so the events, minutes and roles
    that name them keep working. Nothing here deletes a row.
    """

    form = PersonAdminForm
    fieldsets = [
        (None, {"fields": ["first_name", "last_name", "preferred_name", "pronouns"]}),
        ("Work", {"fields": ["job_title", "school", "organisation"]}),
        ("Contact", {"fields": ["email", "telephone", "contact_visibility"]}),
        ("Profile", {"fields": ["bio", "expertise", "photo"]}),
        ("Account", {"fields": ["user"]}),
        ("Record", {"fields": ["created_at", "updated_at", "updated_by", "erased_at"]}),
    ]
    list_display = [
        "display_name",
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

    def erase(self, request: HttpRequest, person: Person) -> None:
        """The erasure every "delete" here runs; privacy.admin puts the full one in its place
        (privacy.services.person_erase_everywhere, which also scrubs every other table)."""
        person_erase(person=person, by=request.user)

    @admin.display(description="name", ordering="last_name")
    def display_name(self, person: Person) -> str:
        return person.display_name

    def has_delete_permission(self, request: HttpRequest, obj: Person | None = None) -> bool:
        # "Delete" erases (delete_view below); only admins may, and only once.
        if obj is None:
            return is_admin(request.user)
        return can_erase_person(request.user, obj)

    def get_actions(self, request: HttpRequest) -> dict:
        # Django's "Delete selected" would delete rows: the erasure action takes its place.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request: HttpRequest, obj: Person) -> None:
        self.erase(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for person in queryset.filter(erased_at__isnull=True):
            self.erase(request, person)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        """The change page's "Delete": confirm, then erase this person's personal data."""
        person = self.get_object(request, unquote(object_id))
        if person is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_delete_permission(request, person):
            raise PermissionDenied
        if request.method == "POST":
            name = person.display_name
            self.erase(request, person)
            self.message_user(request, f"Erased the personal data of {name}.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:people_person_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Erase personal data?",
            "people": [person],
            "queryset": None,
            "opts": self.opts,
            "object": person,
        }
        return TemplateResponse(request, "admin/people/person/erase_confirmation.html", context)

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
            self.erase(request, person)
        self.message_user(
            request, f"Erased the personal data of {len(people)} people.", messages.SUCCESS
        )
        return None
