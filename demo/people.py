"""The demo's careers and standing: posts over time (a head who came from another school)."""

from __future__ import annotations

import datetime

from people.models import Person
from people.posts import Post


def build_careers(builder, *, schools, heads) -> None:
    """Every member of staff holds a current post at their school; the demo head came from a
    deputy headship at another demo school."""
    start = datetime.date(builder.today.year - 3, 9, 1)
    for person in Person.objects.filter(school__isnull=False, erased_at__isnull=True).order_by(
        "pk"
    ):
        builder._get_or_create(
            Post,
            person=person,
            school_id=person.school_id,
            ends_on=None,
            defaults={"job_title": person.job_title, "starts_on": start},
        )
    head = heads[schools[0].pk]
    moved_on = datetime.date(builder.today.year - 4, 9, 1)
    Post.objects.filter(person=head, school=schools[0], ends_on=None).update(starts_on=moved_on)
    builder._get_or_create(
        Post,
        person=head,
        school=schools[1],
        job_title="Deputy headteacher",
        defaults={"starts_on": datetime.date(moved_on.year - 5, 9, 1), "ends_on": moved_on},
    )
