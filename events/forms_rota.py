"""The rota planner's forms: the series to plan, then one editable row per proposed meeting."""

from __future__ import annotations

import datetime

from django import forms

from alliance.lib.forms import PortalForm
from alliance.lib.widgets import DateInput, TimeInput
from events.models import EventKind
from events.rota import RotaError, every_half_term, parse_dates
from schools.calendar import Calendar

HALF_TERM = "half_term"
GIVEN_DATES = "dates"
OUTSIDE = "Choose someone from the member schools."


class SeriesForm(PortalForm):
    title = forms.CharField(max_length=150, help_text="Each meeting is numbered: “(2 of 6)”.")
    kind = forms.ChoiceField(choices=EventKind.choices, initial=EventKind.NETWORK_MEETING)
    how = forms.ChoiceField(
        label="Dates",
        choices=[(HALF_TERM, "Every half term"), (GIVEN_DATES, "On the dates I give")],
        initial=HALF_TERM,
        widget=forms.RadioSelect,
    )
    first_date = forms.DateField(
        label="First meeting",
        required=False,
        widget=DateInput(),
        help_text="Later meetings fall in the same week of each half term, on the same day.",
    )
    count = forms.IntegerField(
        label="Number of meetings", min_value=1, max_value=24, initial=6, required=False
    )
    dates = forms.CharField(
        label="Dates, one per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For example 2026-11-17 or 17/11/2026.",
    )
    starts_time = forms.TimeField(
        label="Starts at",
        initial=datetime.time(15, 45),
        widget=TimeInput(),
    )
    ends_time = forms.TimeField(
        label="Ends at",
        initial=datetime.time(17, 15),
        widget=TimeInput(),
    )
    venue = forms.CharField(
        max_length=300, required=False, help_text="Leave empty to use the host school's name."
    )
    capacity = forms.IntegerField(min_value=1, required=False, help_text="Empty for no limit.")
    visitors_per_day = forms.IntegerField(
        label="Visiting heads per review day",
        min_value=0,
        max_value=10,
        initial=2,
        required=False,
        help_text="Review days only.",
    )
    is_published = forms.BooleanField(label="Public", required=False, initial=True)

    def __init__(self, *args, calendar: Calendar | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The partnership's term dates (schools.calendar); England's half terms without one.
        self.calendar = calendar
        self.warnings: list[str] = []

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_time"), data.get("ends_time")
        if starts and ends and ends <= starts:
            self.add_error("ends_time", "The end must be after the start.")
        self.days: list[datetime.date] = []
        calendar = self.calendar
        if data.get("how") == HALF_TERM:
            if not data.get("first_date"):
                self.add_error("first_date", "Give the date of the first meeting.")
            elif not data.get("count"):
                self.add_error("count", "Say how many meetings to plan.")
            else:
                try:
                    self.days = every_half_term(
                        data["first_date"],
                        data["count"],
                        **(
                            {"half_terms": calendar.half_terms(), "closed": calendar.closed}
                            if calendar
                            else {}
                        ),
                    )
                except RotaError as error:
                    self.add_error("first_date", str(error))
        elif data.get("how") == GIVEN_DATES:
            try:
                self.days = parse_dates(data.get("dates", ""))
            except RotaError as error:
                self.add_error("dates", str(error))
        if calendar and self.days:
            closed = calendar.closed_days(self.days)
            self.warnings = [
                f"{reason}: change it if the schools are closed." for reason in closed.values()
            ]
        return data

    @property
    def is_review_day(self) -> bool:
        return self.cleaned_data.get("kind") == EventKind.REVIEW_DAY


class RotaRowForm(PortalForm):
    """One proposed meeting, as the coordinator edits it."""

    day = forms.DateField(widget=DateInput())
    starts = forms.TimeField(widget=TimeInput())
    ends = forms.TimeField(widget=TimeInput())
    host = forms.TypedChoiceField(coerce=int)
    chair = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, error_messages={"invalid_choice": OUTSIDE}
    )
    minute_taker = forms.TypedChoiceField(
        label="Minute-taker",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": OUTSIDE},
    )
    visitors = forms.TypedMultipleChoiceField(label="Visiting heads", coerce=int, required=False)

    def __init__(self, *args, school_choices, people_choices, head_of, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.head_of = head_of
        self.fields["host"].choices = school_choices
        blank = [("", "Nobody yet")]
        self.fields["chair"].choices = blank + people_choices
        self.fields["minute_taker"].choices = blank + people_choices
        self.fields["visitors"].choices = people_choices

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", "The end must be after the start.")
        chair, minute_taker = data.get("chair"), data.get("minute_taker")
        if chair and chair == minute_taker:
            self.add_error("minute_taker", "Someone other than the chair takes the minutes.")
        host_head = self.head_of.get(data.get("host"))
        if host_head is not None and host_head in (data.get("visitors") or []):
            self.add_error("visitors", "A school's own head cannot visit it on its review day.")
        return data


class BaseRotaFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not [f for f in self.forms if f.cleaned_data]:
            raise forms.ValidationError("The rota has no meetings: propose some dates first.")


RotaFormSet = forms.formset_factory(
    RotaRowForm, formset=BaseRotaFormSet, extra=0, max_num=60, validate_max=True
)
