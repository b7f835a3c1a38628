"""The notification settings (one choice per kind) and the message to a group."""

from __future__ import annotations

from django import forms

from alliance.lib.forms import PortalForm
from notifications.models import NOT_DIGESTIBLE, Choice, Kind


class PreferencesForm(PortalForm):
    """One radio group per kind; "in the weekly digest" only where a week late still helps."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            if kind == Kind.DIGEST:
                choices = [(Choice.ON, "Send me the weekly digest"), (Choice.OFF, "No digest")]
            elif kind in NOT_DIGESTIBLE:
                choices = [(Choice.ON, Choice.ON.label), (Choice.OFF, Choice.OFF.label)]
            else:
                choices = Choice.choices
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=choices,
                widget=forms.RadioSelect,
                initial=initial_choices[kind.value],
            )


class GroupMessageForm(PortalForm):
    subject = forms.CharField(max_length=150, error_messages={"required": "Enter a subject."})
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea,
        max_length=10_000,
        error_messages={"required": "Write the message."},
    )

    def clean_subject(self) -> str:
        subject = " ".join(self.cleaned_data["subject"].split())
        if not subject:
            raise forms.ValidationError("Enter a subject.")
        return subject

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Write the message.")
        return body
