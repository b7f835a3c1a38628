"""The poll's forms: opening a poll (title, length, up to eight dates), answering a date, and
choosing the date to fix. Dates in the school holidays are refused with the reason."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from alliance.lib.forms import PortalForm
from alliance.lib.widgets import DateTimeLocalInput
from polls.models import MAX_OPTIONS, MIN_OPTIONS, Answer, PollOption
from schools.calendar import Calendar

LENGTHS = [(30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"), (90, "1 hour 30 minutes")]
LENGTHS += [(120, "2 hours"), (180, "3 hours"), (240, "4 hours"), (360, "A day (6 hours)")]


class PollForm(PortalForm):
    title = forms.CharField(max_length=150, help_text="For example: SEND network, spring term.")
    duration_minutes = forms.TypedChoiceField(
        label="Length", choices=LENGTHS, coerce=int, initial=90
    )
    venue = forms.CharField(
        max_length=300, required=False, help_text="Leave empty to meet at the host school."
    )

    def __init__(self, *args, calendar: Calendar, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        for number in range(1, MAX_OPTIONS + 1):
            self.fields[f"option_{number}"] = forms.DateTimeField(
                label=f"Date and time {number}",
                required=False,
                widget=DateTimeLocalInput(),
                help_text="Give at least two." if number == 1 else "",
            )

    @property
    def option_fields(self) -> list:
        return [self[f"option_{n}"] for n in range(1, MAX_OPTIONS + 1)]

    @property
    def other_fields(self) -> list:
        return [self[name] for name in ("title", "duration_minutes", "venue")]

    def clean(self) -> dict:
        data = super().clean()
        now = timezone.now()
        seen: dict[datetime.datetime, str] = {}
        for number in range(1, MAX_OPTIONS + 1):
            name = f"option_{number}"
            at = data.get(name)
            if at is None:
                continue
            local = timezone.localtime(at)
            if at <= now:
                self.add_error(name, f"{local:%a %-d %b %Y %H:%M} has passed: give a later date.")
            elif at.year > now.year + 3:
                self.add_error(name, "Give a date within the next three years.")
            elif at in seen:
                self.add_error(name, f"The same date and time is also number {seen[at]}.")
            elif reason := self.calendar.closed_reason(local.date()):
                self.add_error(name, f"{reason}: choose a term-time date.")
            else:
                seen[at] = str(number)
        self.starts = sorted(seen)
        if not self.errors and len(self.starts) < MIN_OPTIONS:
            self.add_error("option_1", f"Give at least {MIN_OPTIONS} different dates.")
        return data


class AnswerForm(PortalForm):
    option = forms.ModelChoiceField(queryset=PollOption.objects.none())
    answer = forms.ChoiceField(choices=Answer.choices)

    def __init__(self, *args, poll, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = PollOption.objects.filter(poll=poll)


class FixForm(PortalForm):
    option = forms.ModelChoiceField(
        queryset=PollOption.objects.none(), error_messages={"required": "Choose a date to fix."}
    )

    def __init__(self, *args, poll, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = PollOption.objects.filter(poll=poll)
