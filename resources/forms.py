"""Resource hub forms: validate and normalise; the services save."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import Q

from alliance.lib.forms import PortalForm, PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from partnerships.models import NetworkGroup
from people.models import Specialism
from resources.models import Comment, KeyStage, Resource, Sharing
from resources.validators import ACCEPTED, validate_upload
from schools.models import Phase

MAX_TAGS = 10


def normalise_tags(raw: str) -> list[str]:
    """Comma-separated tags, lower-case, single-spaced, without duplicates, in order."""
    tags: list[str] = []
    for part in raw.split(","):
        tag = re.sub(r"\s+", " ", part).strip().lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class ResourceForm(PortalModelForm):
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Or instead of a file: a link to the resource.",
    )
    tags = forms.CharField(
        required=False,
        max_length=300,
        help_text="Separate tags with commas, e.g. fractions, year 4, reasoning.",
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "specialism",
            "phase",
            "key_stage",
            "tags",
            "source_school",
            "file",
            "url",
            "sharing",
            "partnership",
        ]
        # A plain file input: the clearable one would print the stored file's media URL, and
        # files are only ever served through the download view, which checks permission.
        widgets = {"sharing": forms.RadioSelect, "file": forms.FileInput}
        help_texts = {
            "summary": MARKDOWN_HELP,
            "file": f"{ACCEPTED}; at most 20 MB.",
        }

    def __init__(self, *args, schools, partnerships, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_school"].queryset = schools
        self.fields["partnership"].queryset = partnerships
        self.fields[
            "partnership"
        ].help_text = "Only when shared with one partnership: a partnership your school belongs to."
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
        self.file_kind = None

    def clean_tags(self) -> list[str]:
        tags = normalise_tags(self.cleaned_data["tags"])
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(f"Use at most {MAX_TAGS} tags.")
        if any(len(tag) > 50 for tag in tags):
            raise forms.ValidationError("Each tag can be at most 50 characters.")
        return tags

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.file_kind = validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and "file" not in self.errors:
            self.add_error("file", "Upload a file or give a link.")
        if data.get("sharing") == Sharing.PARTNERSHIP and not data.get("partnership"):
            self.add_error("partnership", "Choose the partnership to share this resource with.")
        if data.get("sharing") == Sharing.ALLIANCE:
            data["partnership"] = None
        return data


class CommentForm(PortalModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Write a comment first.")
        return body


class PinForm(PortalForm):
    group = forms.ModelChoiceField(queryset=None, label="Network group")

    def __init__(self, *args, groups, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    specialism = django_filters.ModelChoiceFilter(
        queryset=Specialism.objects.all(), label="Subject or specialism"
    )
    phase = django_filters.ChoiceFilter(choices=Phase.choices)
    key_stage = django_filters.ChoiceFilter(choices=KeyStage.choices, label="Key stage")
    tag = django_filters.CharFilter(field_name="tags__name", label="Tag", method="by_tag")
    sharing = django_filters.ChoiceFilter(choices=Sharing.choices, label="Shared with")
    # A group's pins, by the group's id: read as a group that exists (Django's model choice
    # field), so an id past what the database holds is refused by the form, not handed to it.
    group = django_filters.ModelChoiceFilter(
        queryset=NetworkGroup.objects.all(),
        field_name="pins__group",
        label="Pinned by group",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Resource
        fields = ["q", "specialism", "phase", "key_stage", "tag", "sharing", "group"]

    def search(self, queryset, name, value):
        """Resources with each word (up to eight) in their title, summary, school's name or a
        tag. Tags are read in a subquery per word: a join on them per word had PostgreSQL plan
        a dozen joined tables for an eight-word search, seconds before reading a row."""
        for word in value.split()[:8]:
            tagged = Resource.tags.through.objects.filter(tag__name__icontains=word)
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(source_school__name__icontains=word)
                | Q(pk__in=tagged.values("resource_id"))
            )
        return queryset

    def by_tag(self, queryset, name, value):
        return queryset.filter(tags__name=value.strip().lower()).distinct()
