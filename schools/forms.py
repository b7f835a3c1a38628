"""The school profile form: validates and normalises what a headteacher or editor types."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from localflavor.gb.forms import GBPostcodeField

from alliance.lib.forms import PortalForm, PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from people.models import Person
from schools.choices import CorrectionStatus
from schools.facts import AGE_FIELDS, check_fact, fact_display, fact_text
from schools.history import label_of
from schools.models import (
    CORRECTABLE_FIELDS,
    OfstedGrade,
    School,
    SchoolCorrection,
    urn_validator,
)
from schools.validators import LOGO_FORMATS, logo_format

SINGLE_WORD_GRADES_ENDED = datetime.date(2024, 9, 1)

PERCENT_MESSAGES = {
    "min_value": "Enter a percentage between 0 and 100.",
    "max_value": "Enter a percentage between 0 and 100.",
    "invalid": "Enter a percentage as a number, e.g. 23.5.",
}

# Sections of the form, in page order: (legend, fields). Only what the school owns: its
# contacts and its own words. The register's facts are shown as text beside the form and
# changed through a correction (CorrectionRequestForm). Fields the user may not set are dropped
# from the form, and from here, when the form is built.
SECTIONS = [
    ("Contacts", ["telephone", "email", "website"]),
    ("In the school's own words", ["ethos", "alliance_offer", "logo"]),
    ("What the school adds to the register", ["designation", "eal_percent"]),
    ("Who keeps this profile", ["headteacher", "editors", "is_published"]),
]

# Only the headteacher and admins (schools.rules.can_manage_school) may set these.
MANAGE_FIELDS = ["headteacher", "editors", "is_published"]


class SchoolForm(PortalModelForm):
    """The edit page's form. `can_manage` adds the headteacher, editors and publishing.

    The slug never changes here (bookmarks rely on it); anything posted for a field that is
    not on the form is ignored.
    """

    eal_percent = forms.DecimalField(
        label="Pupils with English as an additional language (%)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        error_messages=PERCENT_MESSAGES,
    )
    website = forms.URLField(required=False, assume_scheme="https")
    logo = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text="Optional. A PNG, JPEG or WebP image of up to 1 MB.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = School
        fields = [name for _, names in SECTIONS for name in names]
        widgets = {
            "editors": forms.CheckboxSelectMultiple,
            "ethos": forms.Textarea(attrs={"rows": 6}),
            "alliance_offer": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"ethos": MARKDOWN_HELP, "alliance_offer": MARKDOWN_HELP}

    def __init__(self, *args: Any, can_manage: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if not can_manage:
            for name in MANAGE_FIELDS:
                del self.fields[name]
        else:
            # A headship is handed to someone at the school; editors likewise. A school has at
            # most a few hundred staff, so plain lists are fine here.
            staff = (
                Person.objects.active()
                .filter(school=self.instance)
                .order_by("last_name", "first_name")
            )
            self.fields["headteacher"].queryset = staff | Person.objects.filter(
                pk=self.instance.headteacher_id
            )
            self.fields["editors"].queryset = staff
            self.fields[
                "editors"
            ].help_text = (
                "Editors may change this profile, but not who edits it or whether it is public."
            )

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The form's fields grouped for fieldsets, leaving out the ones not on this form."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in SECTIONS
            if any(name in self.fields for name in names)
        ]

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            image_format = logo_format(logo)
            # The stored name is random (see logo_upload_to); only the true extension is kept.
            logo.name = f"logo.{LOGO_FORMATS[image_format]}"
        return logo

    def values(self) -> dict[str, Any]:
        """Every profile field on this form with its cleaned value (not the version)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def correctable_choices() -> list[tuple[str, str]]:
    return [(name, label_of(School._meta.get_field(name))) for name in CORRECTABLE_FIELDS]


class CorrectionRequestForm(PortalForm):
    """Ask for a correction of one register fact: which, to what, and why.

    The proposed value is entered in the fact's own kind of field (a list of phases, a date),
    chosen by `field` (posted, or given when the page is opened for one fact).
    """

    field = forms.ChoiceField(
        label="Which fact is wrong",
        choices=correctable_choices,
        error_messages={"required": "Choose the fact to correct.", "invalid_choice": "Choose "
                        "one of the facts listed."},
    )  # fmt: skip
    reason = forms.CharField(
        label="Why the register is wrong",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say where an admin can check the right value, e.g. the latest Ofsted report.",
        error_messages={
            "required": "Say why the register is wrong, so that an admin can check it.",
            "max_length": "Keep the reason under 2,000 characters (it has %(show_value)d).",
        },
    )

    def __init__(self, *args: Any, school: School, field: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        name = self.data.get("field", "") if self.is_bound else field
        self.fact = name if name in CORRECTABLE_FIELDS else ""
        if not self.is_bound:
            self.initial["field"] = self.fact
        self.fields["value"] = self._value_field()

    def _value_field(self) -> forms.Field:
        if not self.fact:
            return forms.CharField(label="The right value", required=False, max_length=300)
        model_field = School._meta.get_field(self.fact)
        kwargs: dict[str, Any] = {"required": False}
        if isinstance(model_field, models.DateField):
            kwargs["widget"] = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
        if self.fact == "urn":
            # Longer than 6 so that "123 456" reaches clean_value, which removes the spaces.
            formfield: forms.Field = forms.CharField(required=False, max_length=12)
        elif self.fact == "postcode":
            formfield = GBPostcodeField(
                required=False, error_messages={"invalid": "Enter a UK postcode, e.g. EB1 1AA."}
            )
        else:
            formfield = model_field.formfield(**kwargs)
        formfield.label = "The right value"
        formfield.help_text = f"The portal shows {fact_display_of(self.school, self.fact)} today."
        if not self.is_bound:
            formfield.initial = getattr(self.school, self.fact)
        return formfield

    def clean_value(self) -> Any:
        value = self.cleaned_data.get("value")
        if self.fact == "urn" and isinstance(value, str):
            value = "".join(value.split())
            if value:
                urn_validator(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.fact or "value" not in cleaned:
            return cleaned
        value, school = cleaned["value"], self.school
        if fact_text(value) == fact_text(getattr(school, self.fact)):
            self.add_error("value", "This is the value the portal shows now: enter the right one.")
            return cleaned
        try:
            self._check(value)
        except forms.ValidationError as error:
            self.add_error("value", error)
            return cleaned
        pending = SchoolCorrection.objects.filter(
            school=school, field=self.fact, status=CorrectionStatus.PENDING
        )
        if pending.exists():
            self.add_error(
                "field",
                "A correction of this fact is already waiting for an admin: wait for their "
                "answer before asking again.",
            )
        return cleaned

    def _check(self, value: Any) -> None:
        school, name = self.school, self.fact
        if name == "urn" and School.objects.exclude(pk=school.pk).filter(urn=value).exists():
            raise forms.ValidationError(f"Another school already has URN {value}.")
        if name in AGE_FIELDS and value is not None:
            low = value if name == "statutory_low_age" else school.statutory_low_age
            high = value if name == "statutory_high_age" else school.statutory_high_age
            if low is not None and high is not None and low > high:
                raise forms.ValidationError(
                    f"The youngest pupils' age ({low}) would be above the oldest ({high})."
                )
        inspected = school.ofsted_inspection_date
        single_word = name == "ofsted_grade" and value and value != OfstedGrade.NOT_GRADED
        if single_word and (inspected is None or inspected >= SINGLE_WORD_GRADES_ENDED):
            raise forms.ValidationError(
                "Ofsted has given single-word grades only for inspections before "
                "September 2024: correct the inspection date first, or the outcome instead."
            )
        try:
            check_fact(school, name, value)
        except ValidationError as error:
            raise forms.ValidationError(
                [message for messages in error.message_dict.values() for message in messages]
            ) from None


def fact_display_of(school: School, name: str) -> str:
    return fact_display(name, fact_text(getattr(school, name)))
