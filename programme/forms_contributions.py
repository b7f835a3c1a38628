"""Forms for contributions per school: the organiser's request, a school's answer and the
agenda's order. They validate; programme.contributions saves."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms

from alliance.lib.dates import DateInRangeField
from alliance.lib.forms import PortalForm
from alliance.lib.widgets import DateInput
from programme.models import Contribution


class RequestForm(PortalForm):
    prompt = forms.CharField(
        label="What is each school asked for?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: a five-minute presentation of one thing that worked this term.",
    )
    minutes_each = forms.IntegerField(
        label="Minutes per school (optional)", required=False, min_value=1, max_value=240
    )
    due_on = DateInRangeField(label="Answer by (optional)", required=False, widget=DateInput())


class AnswerForm(PortalForm):
    """Offer (a topic and a presenter among the school's staff) or decline, with notes."""

    status = forms.ChoiceField(
        label="Will your school contribute?",
        choices=[
            (Contribution.Status.OFFERED, "Yes, we offer a contribution"),
            (Contribution.Status.DECLINED, "No, not this time"),
        ],
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(label="Topic", max_length=200, required=False)
    presenter = forms.ModelChoiceField(
        label="Presenter", queryset=None, required=False, empty_label="Not decided yet"
    )
    notes = forms.CharField(
        label="Notes for the organiser (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, presenters, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = presenters

    def clean(self):
        data = super().clean()
        if data.get("status") == Contribution.Status.OFFERED and not data.get("topic", "").strip():
            self.add_error("topic", "Give the topic of your contribution.")
        return data


class OrderForm(PortalForm):
    """One position box per offered contribution, named by its id."""

    def __init__(self, *args, contributions: Sequence[Contribution], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for contribution in contributions:
            self.fields[f"order_{contribution.pk}"] = forms.IntegerField(
                label=f"Position of {contribution.school.name}",
                min_value=0,
                max_value=999,
                required=False,
                initial=contribution.order,
            )

    def orders(self) -> dict[int, int]:
        return {
            int(name.removeprefix("order_")): value
            for name, value in self.cleaned_data.items()
            if value is not None
        }
