"""Dates and months typed into an address: read within the years the portal deals in.

Python's dates end at year 1 and year 9999, and a page that shows "the month before" or "up to
the end of that day" steps past them: `?date_to=9999-12-31` or `?month=0001-01` was a 500.
Every date or month a page reads from the address goes through here, so each one is refused
with the same clear message, and a page's own arithmetic never nears the edges.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.core.validators import MaxValueValidator, MinValueValidator

# Far beyond any school year, meeting or inspection the portal shows, and far inside what date
# arithmetic and both databases handle.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)

RANGE_MESSAGE = f"Enter a date between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}."


class DateInRangeField(forms.DateField):
    """A form's date, refused with RANGE_MESSAGE outside EARLIEST..LATEST."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.validators += [
            MinValueValidator(EARLIEST, message=RANGE_MESSAGE),
            MaxValueValidator(LATEST, message=RANGE_MESSAGE),
        ]


class DateInRangeFilter(django_filters.DateFilter):
    """django-filter's DateFilter with DateInRangeField."""

    field_class = DateInRangeField


def month_from(value: str | None, *, default: datetime.date) -> datetime.date:
    """The first day of the month written YYYY-MM, or `default` when there is none.

    Raises BadRequest (400, with the message on the portal's page) for anything else, or a
    month outside EARLIEST..LATEST.
    """
    if not value:
        return default
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        month = None
    if month is None or not EARLIEST <= month <= LATEST:
        raise BadRequest(
            f"Choose a month as year and month, like {default:%Y-%m}, between "
            f"{EARLIEST:%B %Y} and {LATEST:%B %Y}."
        )
    return month
