"""Support forms: validate and normalise; the services save."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from alliance.lib.forms import PortalForm, PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from alliance.lib.widgets import DateInput
from partnerships.models import Partnership
from support.matching import LeaderMatch
from support.models import Deployment, SupportRequest, TimeUnit, Visit, to_days

DATE = DateInput()


class SupportRequestForm(PortalModelForm):
    class Meta:
        model = SupportRequest
        fields = ["school", "specialism", "needs", "wanted_from", "wanted_until"]
        widgets = {"wanted_from": DATE, "wanted_until": DATE}
        labels = {"specialism": "Area of support"}
        help_texts = {
            "needs": "What the school needs help with, and what success would look like. "
            + MARKDOWN_HELP
        }

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None

    def clean(self):
        data = super().clean()
        start, end = data.get("wanted_from"), data.get("wanted_until")
        if start and end and end < start:
            self.add_error("wanted_until", "The end date must be on or after the start date.")
        return data


class DeployForm(PortalForm):
    """Deploy one or more system leaders with the same focus, dates and time each."""

    leaders = forms.MultipleChoiceField(
        label="System leaders to deploy", widget=forms.CheckboxSelectMultiple
    )
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        empty_label=None,
        help_text="The partnership the support runs under.",
    )
    focus = forms.CharField(max_length=300)
    starts_on = forms.DateField(widget=DATE)
    ends_on = forms.DateField(widget=DATE)
    time_unit = forms.ChoiceField(label="Time agreed in", choices=TimeUnit.choices)
    time_agreed = forms.DecimalField(
        label="Time agreed for each leader",
        min_value=0.25,
        max_digits=6,
        decimal_places=2,
        help_text="E.g. 6 days, or 0.5 for half a day.",
    )

    def __init__(self, *args, matches: list[LeaderMatch], partnerships, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.matches = {str(m.person.pk): m for m in matches if m.has_capacity}
        self.fields["leaders"].choices = [
            (
                pk,
                f"{m.person.display_name}, {', '.join(m.roles)}"
                f"{f' ({m.person.school.name})' if m.person.school else ''}: "
                f"{m.remaining_days.normalize():f} days free",
            )
            for pk, m in self.matches.items()
        ]
        self.fields["partnership"].queryset = partnerships

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        amount, unit = data.get("time_agreed"), data.get("time_unit")
        if amount and unit:
            days = to_days(amount, unit)
            for pk in data.get("leaders", []):
                match = self.matches[pk]
                if days > match.remaining_days:
                    self.add_error(
                        "leaders",
                        f"{match.person.display_name} has only "
                        f"{match.remaining_days.normalize():f} days free.",
                    )
        return data

    def chosen(self) -> list[LeaderMatch]:
        return [self.matches[pk] for pk in self.cleaned_data["leaders"]]


class VisitForm(PortalModelForm):
    class Meta:
        model = Visit
        fields = ["visited_on", "amount", "note"]
        widgets = {"visited_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, deployment: Deployment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deployment = deployment
        self.fields["amount"].label = f"Time given ({deployment.get_time_unit_display().lower()})"

    def clean_visited_on(self) -> datetime.date:
        day = self.cleaned_data["visited_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Log a visit once it has happened: this date is ahead.")
        if not self.deployment.starts_on <= day <= self.deployment.ends_on:
            raise forms.ValidationError(
                f"The visit must fall within the deployment, "
                f"{self.deployment.starts_on:%d/%m/%Y} to {self.deployment.ends_on:%d/%m/%Y}."
            )
        return day


class OutcomeForm(PortalModelForm):
    class Meta:
        model = Deployment
        fields = ["outcome"]
        help_texts = {
            "outcome": "What changed for the school and its pupils, with evidence. " + MARKDOWN_HELP
        }

    def clean_outcome(self) -> str:
        outcome = self.cleaned_data["outcome"].strip()
        if not outcome:
            raise forms.ValidationError("Write the outcome and impact before completing.")
        return outcome


def academic_year(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    start_year = on.year if on.month >= 9 else on.year - 1
    return datetime.date(start_year, 9, 1), datetime.date(start_year + 1, 8, 31)


class ReportPeriodForm(PortalForm):
    start = forms.DateField(label="From", widget=DATE)
    end = forms.DateField(label="To", widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be after its start.")
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period, or this academic year when none (or a bad one) is given."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return academic_year(timezone.localdate())
