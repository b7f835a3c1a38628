"""Forms for profiles and roles: they validate and normalise; services save."""

from __future__ import annotations

import datetime

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from alliance.lib.forms import PortalForm, PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from alliance.lib.widgets import DateInput
from partnerships.models import Partnership
from people.models import Person, RoleAssignment, RoleType, Specialism
from people.photos import PhotoField, clean_photo

PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "job_title",
    "email",
    "telephone",
    "contact_visibility",
    "bio",
    "expertise",
    "photo",
]
# Only admins move a person to another school or organisation; everyone else's form does not
# have these fields, so posting them changes nothing.
ADMIN_FIELDS = ["school", "organisation"]


class PersonForm(PortalModelForm):
    """A profile as its owner, their school's editors or an admin edit it."""

    class Meta:
        model = Person
        fields = PROFILE_FIELDS
        field_classes = {"photo": PhotoField}
        widgets = {
            "contact_visibility": forms.RadioSelect,
            "bio": forms.Textarea(attrs={"rows": 5}),
            "expertise": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {
            "preferred_name": "The name colleagues know you by, if not your first name.",
            "pronouns": "Optional, e.g. she/her, he/him, they/them.",
            "bio": MARKDOWN_HELP,
            "expertise": "What colleagues can ask you about, e.g. phonics, timetabling, EHCPs.",
            "contact_visibility": "The public never sees your e-mail or telephone.",
        }

    def clean_photo(self) -> UploadedFile | None | bool:
        photo = self.cleaned_data.get("photo")
        # A new upload is an UploadedFile; False means "clear"; the stored file is a FieldFile.
        if isinstance(photo, UploadedFile):
            return clean_photo(photo)
        return photo

    def clean_first_name(self) -> str:
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self) -> str:
        return self.cleaned_data["last_name"].strip()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AdminPersonForm(PersonForm):
    """Admins also choose the person's school or partner organisation."""

    class Meta(PersonForm.Meta):
        fields = [*PROFILE_FIELDS[:5], *ADMIN_FIELDS, *PROFILE_FIELDS[5:]]


class ColleaguePersonForm(PersonForm):
    """A school's head or editor keeps a colleague's profile up to date, but who may see the
    colleague's contacts stays the colleague's own choice."""

    class Meta(PersonForm.Meta):
        fields = [f for f in PROFILE_FIELDS if f != "contact_visibility"]


def profile_form_class(*, editor_is_admin: bool, editing_self: bool) -> type[PersonForm]:
    if editor_is_admin:
        return AdminPersonForm
    if editing_self:
        return PersonForm
    return ColleaguePersonForm


class RoleAssignmentForm(PortalModelForm):
    """Give a person an alliance role."""

    class Meta:
        model = RoleAssignment
        fields = ["role_type", "specialism", "partnership", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        labels = {"role_type": "Role", "partnership": "Held within partnership"}
        help_texts = {
            "specialism": "Optional, e.g. maths for an SLE.",
            "partnership": "Optional: the partnership the role serves.",
            "ends_on": "Leave empty while the person holds the role.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role_type"].queryset = RoleType.objects.all()
        self.fields["specialism"].queryset = Specialism.objects.all()
        self.fields["partnership"].queryset = Partnership.objects.all()
        self.fields["starts_on"].initial = timezone.localdate

    def clean(self) -> dict:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "A role cannot end before it starts.")
        return data


class EndRoleForm(PortalForm):
    """End a role: it stays on the profile as a past role."""

    ends_on = forms.DateField(
        label="Ended on",
        widget=DateInput(),
        help_text="From this day the role shows under past roles.",
    )

    def __init__(self, *args, assignment: RoleAssignment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.fields["ends_on"].initial = timezone.localdate

    def clean_ends_on(self) -> datetime.date:
        ends_on = self.cleaned_data["ends_on"]
        starts_on = self.assignment.starts_on
        if starts_on and ends_on < starts_on:
            raise forms.ValidationError(
                f"The role started on {starts_on.day} {starts_on:%B %Y}; it cannot end before that."
            )
        if ends_on > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError("Choose a date within the next year.")
        return ends_on
