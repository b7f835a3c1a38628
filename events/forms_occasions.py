"""Forms for an occasion: its title and day with the meetings of that day it takes in, and
rows of new meetings. They validate; events.occasions saves."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django import forms
from django.utils import timezone

from alliance.lib.dates import DateInRangeField
from alliance.lib.forms import PortalForm
from alliance.lib.widgets import DateInput, TimeInput
from events.models import Event
from events.occasions import NewMeeting, meetings_on
from partnerships.models import Membership, NetworkGroup, Partnership
from schools.models import School


def day_of(value: str | None) -> datetime.date | None:
    """The day a form's raw "on" names, or None for anything that is not a date."""
    try:
        return DateInRangeField().clean(value) if value else None
    except forms.ValidationError:
        return None


def meeting_label(event: Event) -> str:
    host = f", {event.host_school.name}" if event.host_school else ""
    return f"{timezone.localtime(event.starts_at):%H:%M} {event.title}{host}"


class MeetingsForm(PortalForm):
    """The day, and the meetings planned that day to take into an occasion."""

    on = DateInRangeField(label="Date", widget=DateInput())
    meetings = forms.ModelMultipleChoiceField(
        label="Meetings already planned that day",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Those of the partnership and its groups not yet part of an occasion.",
    )

    def __init__(self, *args, partnership: Partnership, on: datetime.date | None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["meetings"]
        field.queryset = meetings_on(partnership, on) if on else Event.objects.none()
        field.label_from_instance = meeting_label


class OccasionForm(MeetingsForm):
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example: Town-wide writing evening."
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["title", "description", "on", "meetings"]


class MeetingRowForm(PortalForm):
    """A meeting to create for the occasion: left empty, the row is ignored. The partnership's
    groups and member schools to choose from are read once for all the rows (row_choices)."""

    network_group = forms.TypedChoiceField(
        label="Group", coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(label="Title", max_length=200)
    host_school = forms.TypedChoiceField(label="Host school", coerce=int)
    starts = forms.TimeField(label="Starts", widget=TimeInput())
    ends = forms.TimeField(label="Ends", widget=TimeInput())
    venue = forms.CharField(label="Venue (optional)", max_length=300, required=False)

    def __init__(
        self,
        *args,
        groups: Sequence[NetworkGroup] = (),
        schools: Sequence[School] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {g.pk: g for g in groups}
        self.schools = {s.pk: s for s in schools}
        self.fields["network_group"].choices = [
            ("", "The partnership itself"),
            *((g.pk, g.name) for g in groups),
        ]
        self.fields["host_school"].choices = [
            ("", "---------"),
            *((s.pk, s.name) for s in schools),
        ]

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", "A meeting ends after it starts.")
        return data

    def meeting(self) -> NewMeeting | None:
        if not self.has_changed() or not self.cleaned_data:
            return None
        data = self.cleaned_data
        return NewMeeting(
            title=data["title"],
            host_school=self.schools[data["host_school"]],
            starts=data["starts"],
            ends=data["ends"],
            network_group=self.groups.get(data["network_group"]),
            venue=data["venue"],
        )


def row_choices(partnership: Partnership) -> dict:
    """The rows' form_kwargs: the partnership's groups and current member schools, by name.
    Two queries, for all the rows."""
    members = Membership.objects.current().filter(partnership=partnership).values("school")
    return {
        "groups": list(NetworkGroup.objects.filter(partnership=partnership).order_by("name")),
        "schools": list(School.objects.filter(pk__in=members).order_by("name")),
    }


MeetingRowFormSet = forms.formset_factory(MeetingRowForm, extra=4, max_num=12, absolute_max=12)
