"""The trust's review days: each school reviewed by the heads of the next two schools, and
a short report for the days already held. Fictional, like everything in the demo."""

from __future__ import annotations

from django.utils import timezone

from events.models import Event, EventKind
from reviews.models import Review

REPORT = """# What we saw

- **Reading**: pupils in Year 2 read fluently and talk about their books with enthusiasm.
- **Behaviour**: calm corridors and purposeful classrooms throughout the day.

# What to work on next

1. Share the new phonics assessment with the other schools at the next heads' meeting.
2. Sharpen the attendance plan for the small group of pupils persistently absent.
"""


def build_reviews(builder, trust, heads) -> None:
    days = list(
        Event.objects.filter(partnership=trust, kind=EventKind.REVIEW_DAY)
        .select_related("host_school")
        .order_by("host_school__name")
    )
    now = timezone.now()
    for step, event in enumerate(days):
        school = event.host_school
        review = builder._get_or_create(Review, event=event, defaults={"school": school})
        visitors = [days[(step + n) % len(days)].host_school for n in (1, 2)]
        reviewers = [heads[s.pk] for s in visitors if s.pk != school.pk and heads.get(s.pk)]
        review.reviewers.add(*reviewers)
        if event.ends_at < now and not review.report and reviewers:
            review.report = REPORT
            review.report_updated_at = event.ends_at
            review.report_updated_by = reviewers[0]
            review.save(update_fields=["report", "report_updated_at", "report_updated_by"])
