"""Forms for running a meeting: the answer, calling it off, the roll call, minutes and their
actions, and the participation report's period. They validate; events.meetings saves."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django import forms
from django.utils import timezone

from alliance.lib.forms import PortalForm
from alliance.lib.markdown import MARKDOWN_HELP
from alliance.lib.widgets import DateInput
from events.forms import person_label
from events.meetings import NewAction
from events.models import Attendance, Rsvp
from people.models import Person


class RsvpForm(PortalForm):
    answer = forms.ChoiceField(
        label="Your answer", choices=Rsvp.Answer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=300,
        help_text="Shown to the chair, the minute-taker and the organisers, and in the minutes.",
    )


class CallOffForm(PortalForm):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=300,
        help_text="Shown on the event's page and sent with the cancellation.",
    )


class RollCallForm(PortalForm):
    """One row of radio buttons per expected person, named by their id, pre-filled from the
    marks already taken, else from the answers (apologies, else attended)."""

    def __init__(self, *args, people: Sequence[Person], **kwargs) -> None:
        """`people` as events.meetings.expected_people() reads them (with `marked`, `answer`)."""
        super().__init__(*args, **kwargs)
        self.people = list(people)
        for person in self.people:
            if person.marked:
                initial = person.marked
            elif person.answer == Rsvp.Answer.APOLOGIES:
                initial = Attendance.Status.APOLOGIES
            else:
                initial = Attendance.Status.ATTENDED
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person_label(person),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=initial,
            )

    def marks(self) -> dict[int, str]:
        return {person.pk: self.cleaned_data[f"person_{person.pk}"] for person in self.people}


class MinutesForm(PortalForm):
    minutes = forms.CharField(
        label="Minutes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=MARKDOWN_HELP,
    )


class ActionForm(PortalForm):
    """A new action agreed at the meeting; a row left empty is skipped."""

    description = forms.CharField(label="Action", max_length=300, required=False)
    owner = forms.TypedChoiceField(label="Owner", required=False, coerce=int, empty_value=None)
    due_on = forms.DateField(label="Due", required=False, widget=DateInput())

    def __init__(self, *args, owners: Sequence[tuple[int, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Nobody yet"), *owners]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("description") and (data.get("owner") or data.get("due_on")):
            self.add_error("description", "Say what the action is.")
        return data

    def to_new_action(self) -> NewAction | None:
        data = self.cleaned_data
        if not data.get("description"):
            return None
        return NewAction(
            description=data["description"], owner_id=data.get("owner"), due_on=data.get("due_on")
        )


ActionFormSet = forms.formset_factory(ActionForm, extra=3, max_num=10, absolute_max=10)


class PeriodForm(PortalForm):
    """The participation report's period: the last twelve months unless given."""

    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        earliest, latest = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
        for name in ("date_from", "date_to"):
            value = data.get(name)
            if value is not None and not earliest <= value <= latest:
                self.add_error(name, "Enter a date between 2000 and 2100.")
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end must be on or after the start.")
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("date_to") or today
        start = data.get("date_from") or end - datetime.timedelta(days=365)
        return start, end
