"""The widgets every form uses for dates and times: the browser's own pickers, given ISO values.

`<input type="date">` reads only an ISO value (2026-12-06) and shows it in the reader's own
format. Django renders a date in the locale's first input format (en-GB: 06/12/2026), which
the date input cannot read: a prefilled date showed as an empty box, and saving then said the
field was required. These widgets always render ISO; a form never passes its own format.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format=ISO_TIME)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME_LOCAL)
