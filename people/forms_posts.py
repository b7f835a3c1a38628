"""Forms for a person's career, posts (jobs at schools), designations and qualifications: they
validate; people.careers saves."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from alliance.lib.forms import PortalForm, PortalModelForm
from alliance.lib.widgets import DateInput
from people.designations import Designation
from people.models import PersonQualification, Qualification, Specialism
from people.posts import Post
from schools.models import School


class PostForm(PortalModelForm):
    """Record a post: at which school, as what, from and (for a past post) to when."""

    class Meta:
        model = Post
        fields = ["school", "job_title", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "job_title": "E.g. Headteacher, Year 5 teacher, School business manager.",
            "ends_on": "Leave empty while the person holds the post.",
        }

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools.only("name").order_by("name")
        self.fields["starts_on"].initial = timezone.localdate

    def clean(self) -> dict:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "A post cannot end before it starts.")
        return data


def schools_for_posts(person, *, admin: bool):
    """The schools where `person` (the one recording) may record a post: any for an admin,
    else the schools they head or edit."""
    if admin:
        return School.objects.all()
    if person is None:
        return School.objects.none()
    return School.objects.filter(Q(headteacher=person) | Q(editors=person)).distinct()


class EndPostForm(PortalForm):
    """End a post: it stays in the person's career as a past post."""

    ends_on = forms.DateField(
        label="Ended on",
        widget=DateInput(),
        help_text="From this day the post is past, and the school's rights with it.",
    )

    def __init__(self, *args, post: Post, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.post = post
        self.fields["ends_on"].initial = timezone.localdate

    def clean_ends_on(self) -> datetime.date:
        ends_on = self.cleaned_data["ends_on"]
        starts_on = self.post.starts_on
        if starts_on and ends_on < starts_on:
            raise forms.ValidationError(
                f"The post started on {starts_on.day} {starts_on:%B %Y}; it cannot end before that."
            )
        if ends_on > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError("Choose a date within the next year.")
        return ends_on


class DesignationForm(PortalModelForm):
    """An SLE or NLE designation: in what, since when, reviewed when, and where it stands."""

    class Meta:
        model = Designation
        fields = ["kind", "area", "designated_on", "review_due", "status"]
        widgets = {"designated_on": DateInput(), "review_due": DateInput()}
        labels = {"kind": "Designation"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Specialism.objects.all()

    def clean(self) -> dict:
        data = super().clean()
        designated_on, review_due = data.get("designated_on"), data.get("review_due")
        if designated_on and review_due and review_due < designated_on:
            self.add_error("review_due", "The review falls on or after the designation.")
        return data


class QualificationForm(PortalModelForm):
    """A programme or qualification a person holds, with its year."""

    class Meta:
        model = PersonQualification
        fields = ["qualification", "year"]
        labels = {"qualification": "Programme or qualification"}

    def __init__(self, *args, person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.fields["qualification"].queryset = Qualification.objects.all()

    def clean_qualification(self) -> Qualification:
        # The person is not a field of the form, so the row's own uniqueness is checked here.
        qualification = self.cleaned_data["qualification"]
        held = PersonQualification.objects.filter(
            person=self.instance.person, qualification=qualification
        )
        if held.exists():
            raise forms.ValidationError("This person already holds this.")
        return qualification
