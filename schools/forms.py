"""The school profile form: validates and normalises what a headteacher or editor types."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from localflavor.gb.forms import GBPostcodeField

from alliance.lib.forms import PortalModelForm
from people.models import Person
from schools.models import OfstedGrade, School, urn_validator
from schools.validators import LOGO_FORMATS, logo_format

SINGLE_WORD_GRADES_ENDED = datetime.date(2024, 9, 1)

PERCENT_MESSAGES = {
    "min_value": "Enter a percentage between 0 and 100.",
    "max_value": "Enter a percentage between 0 and 100.",
    "invalid": "Enter a percentage as a number, e.g. 23.5.",
}

# Sections of the form, in page order: (legend, fields). Fields the user may not set are
# dropped from the form, and from here, when the form is built.
SECTIONS = [
    (
        "About the school",
        [
            "name",
            "urn",
            "laestab",
            "phase",
            "establishment_type",
            "status",
            "designation",
        ],
    ),
    (
        "Address",
        ["address_line1", "address_line2", "address_line3", "town", "local_authority", "postcode"],
    ),
    ("Contacts", ["telephone", "email", "website"]),
    (
        "Pupils",
        [
            "statutory_low_age",
            "statutory_high_age",
            "pupils_on_roll",
            "capacity",
            "fsm_percent",
            "eal_percent",
        ],
    ),
    (
        "Ofsted",
        ["ofsted_inspection_date", "ofsted_outcome", "ofsted_report_url", "ofsted_grade"],
    ),
    ("In the school's own words", ["ethos", "alliance_offer", "logo"]),
    ("Who keeps this profile", ["headteacher", "editors", "is_published"]),
]

# Only the headteacher and admins (schools.rules.can_manage_school) may set these.
MANAGE_FIELDS = ["headteacher", "editors", "is_published"]


class SchoolForm(PortalModelForm):
    """The edit page's form. `can_manage` adds the headteacher, editors and publishing.

    The slug never changes here (bookmarks rely on it); anything posted for a field that is
    not on the form is ignored.
    """

    # Longer than 6 so that "123 456" reaches clean_urn, which removes the spaces and checks.
    urn = forms.CharField(
        label="URN",
        required=False,
        max_length=12,
        help_text="The DfE's unique reference number: 6 digits.",
    )
    postcode = GBPostcodeField(
        required=False,
        error_messages={"invalid": "Enter a UK postcode, e.g. EB1 1AA."},
        help_text="We store it in capitals with one space, e.g. EB1 1AA.",
    )
    fsm_percent = forms.DecimalField(
        label="Pupils eligible for free school meals (%)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        error_messages=PERCENT_MESSAGES,
    )
    eal_percent = forms.DecimalField(
        label="Pupils with English as an additional language (%)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        error_messages=PERCENT_MESSAGES,
    )
    website = forms.URLField(required=False, assume_scheme="https")
    ofsted_report_url = forms.URLField(label="Ofsted report", required=False, assume_scheme="https")
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
            "ofsted_inspection_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "editors": forms.CheckboxSelectMultiple,
            "ethos": forms.Textarea(attrs={"rows": 6}),
            "alliance_offer": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "name": "School name",
            "statutory_low_age": "Youngest pupils' age",
            "statutory_high_age": "Oldest pupils' age",
            "ofsted_inspection_date": "Last inspected",
            "ofsted_grade": "Overall grade (inspections before September 2024 only)",
        }
        help_texts = {
            "laestab": "The LA code and establishment number: 7 digits.",
            "ofsted_outcome": "As Ofsted published it, e.g. the report card's headline.",
        }

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

    def clean_urn(self) -> str:
        urn = "".join(self.cleaned_data["urn"].split())
        if urn:
            urn_validator(urn)
        if urn and School.objects.exclude(pk=self.instance.pk).filter(urn=urn).exists():
            raise forms.ValidationError(
                "Another school already has URN %(urn)s. Check the number on the register.",
                code="urn_taken",
                params={"urn": urn},
            )
        return urn

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            image_format = logo_format(logo)
            # The stored name is random (see logo_upload_to); only the true extension is kept.
            logo.name = f"logo.{LOGO_FORMATS[image_format]}"
        return logo

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("statutory_low_age"), cleaned.get("statutory_high_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "statutory_high_age",
                forms.ValidationError(
                    "The oldest pupils' age (%(high)s) is below the youngest (%(low)s): "
                    "the age range is the wrong way round.",
                    code="age_range_reversed",
                    params={"low": low, "high": high},
                ),
            )
        grade, inspected = cleaned.get("ofsted_grade"), cleaned.get("ofsted_inspection_date")
        if grade and grade != OfstedGrade.NOT_GRADED:
            if inspected is None:
                self.add_error(
                    "ofsted_grade",
                    forms.ValidationError(
                        "Give the date of the inspection that awarded this grade: an old grade "
                        "is only shown with its date.",
                        code="grade_without_date",
                    ),
                )
            elif inspected >= SINGLE_WORD_GRADES_ENDED:
                self.add_error(
                    "ofsted_grade",
                    forms.ValidationError(
                        "Ofsted has not given single-word grades since September 2024: leave "
                        "the grade empty and write the published outcome instead.",
                        code="grade_after_2024",
                    ),
                )
        return cleaned

    def values(self) -> dict[str, Any]:
        """Every profile field on this form with its cleaned value (not the version)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
