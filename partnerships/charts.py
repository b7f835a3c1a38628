"""The partnership page's at-a-glance panel: counts drawn as bars on the server.

No JavaScript: each chart is a table (the text alternative) whose rows carry an SVG bar sized
by attribute, which the content security policy allows where inline styles are not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from partnerships.models import Membership
from schools.models import OfstedGrade, Phase


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # of the largest bar, for the drawing only


@dataclass(frozen=True)
class Chart:
    title: str
    slug: str
    caption: str
    category: str  # heading of the label column
    unit: str  # heading of the count column
    bars: list[Bar]


def bars(counts: Sequence[tuple[str, int]], *, keep_empty: bool = False) -> list[Bar]:
    """Bars in the given order, each sized against the largest; empty categories are dropped
    unless `keep_empty` (a school with nobody in a role is worth seeing)."""
    largest = max((count for _, count in counts), default=0) or 1
    return [
        Bar(label=label, count=count, percent=round(100 * count / largest))
        for label, count in counts
        if count or keep_empty
    ]


def at_a_glance(memberships: Iterable[Membership]) -> list[Chart]:
    """Charts of the current members. Reads only what the memberships carry: no queries.

    Needs `school` loaded and `staff_with_roles` annotated, as
    MembershipQuerySet.for_partnership_page() does.
    """
    schools = list(memberships)
    phases = Counter(m.school.phase for m in schools)
    grades = Counter(m.school.ofsted_grade for m in schools)
    by_phase = [(label, phases[value]) for value, label in Phase.choices]
    # The register's order of grades, as published: a count per outcome, never a ranking.
    by_grade = [(label, grades[value]) for value, label in OfstedGrade.choices]
    by_grade.append(("No grade recorded", grades[""]))
    staff = [(m.school.name, m.staff_with_roles) for m in schools]
    return [
        Chart(
            title="Members by phase",
            slug="phase",
            caption="Number of member schools in each phase of education.",
            category="Phase",
            unit="Schools",
            bars=bars(by_phase),
        ),
        Chart(
            title="Members by Ofsted grade",
            slug="ofsted",
            caption=(
                "Number of member schools by their last single-word grade as published. "
                "Schools inspected since September 2024 have no single-word grade. "
                "Grades are not comparable between schools and are not a ranking."
            ),
            category="Grade as published",
            unit="Schools",
            bars=bars(by_grade),
        ),
        Chart(
            title="Staff with alliance roles",
            slug="roles",
            caption="Number of staff at each member school who hold a current alliance role.",
            category="School",
            unit="Staff",
            bars=bars(staff, keep_empty=True),
        ),
    ]
