"""What a refused membership tells the user."""

from __future__ import annotations

import datetime


def _date(value: datetime.date | None, empty: str) -> str:
    return f"{value.day} {value:%B %Y}" if value else empty


def overlap_message(clash) -> str:
    """The message shown when a membership would overlap `clash`, the Membership already
    held."""
    return (
        f"{clash.school} is already a member of {clash.partnership} from "
        f"{_date(clash.joined_on, 'the start')} to {_date(clash.left_on, 'now (no end date)')}. "
        "A school cannot hold two memberships of one partnership at the same time: "
        "change the dates, or end the other membership first."
    )


def closed_school_message(school: str, closed_on: datetime.date) -> str:
    """A school cannot join a partnership after the register says it closed."""
    return (
        f"{school} closed on {_date(closed_on, '')}: it cannot join a partnership after that "
        "date. Give a date on or before it, or add the school that replaced it."
    )
