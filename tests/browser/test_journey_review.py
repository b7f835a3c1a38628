"""A review day's private report: a reviewer writes it in Markdown, the reviewed school's head
reads it and names a colleague, who can then read it too; the group page says who is next."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import (
    check_page,
    sign_in,
    sign_in_with_code,
    verified_login,
    with_authenticator,
)
from tests.conftest import sign_in as client_for
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory, ReviewFactory


def test_a_reviewer_writes_the_report_and_the_head_shares_it(
    page, other_page, head, outsider, staff, school, partnership
):
    review = ReviewFactory(
        event__host_school=school,
        event__partnership=partnership,
        event__title=f"Review day at {school.name}",
        reviewers=[outsider.person],
    )
    sign_in(page, verified_login(outsider))
    page.goto("/reviews/")
    check_page(page, "review-list")
    page.get_by_role("link", name=review.event.starts_at.strftime("%-d %B %Y")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review of {school.name}")
    page.get_by_role("link", name="Write the report").click()
    check_page(page, "review-report-form")
    expect(page.get_by_text("You can use Markdown")).to_be_visible()
    page.get_by_label("Report").fill(
        "# Strengths\n\n- **Reading** is a delight\n- Calm classrooms\n\n"
        "<script>alert('x')</script>"
    )
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("status").first).to_contain_text("The report is saved.")
    expect(page.get_by_role("heading", level=3, name="Strengths")).to_be_visible()
    expect(page.locator(".formatted strong")).to_have_text("Reading")
    expect(page.get_by_text("<script>alert('x')</script>")).to_be_visible()
    check_page(page, "review-report")

    # Heads sign in with a second factor.
    sign_in_with_code(other_page, verified_login(head), with_authenticator(head))
    other_page.goto(review.get_absolute_url())
    expect(other_page.locator(".formatted strong")).to_have_text("Reading")
    other_page.get_by_role("link", name="Choose who else may read it").click()
    check_page(other_page, "review-sharing")
    other_page.get_by_label(staff.person.display_name, exact=False).check()
    other_page.get_by_role("button", name="Save").click()
    expect(other_page.get_by_role("status").first).to_contain_text("Who may read the report")
    assert list(review.shared_with.all()) == [staff.person]
    assert client_for(staff.person).get(review.get_absolute_url()).status_code == 200


def test_the_group_page_says_who_is_next(page, coordinator, partnership, school):
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    start = timezone.now() + datetime.timedelta(days=9)
    EventFactory(
        network_group=group,
        partnership=partnership,
        host_school=school,
        chair=PersonFactory(school=school, first_name="Grace", last_name="Hopper"),
        minute_taker=PersonFactory(school=school, first_name="Ada", last_name="Byron"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    sign_in(page, verified_login(coordinator))
    page.goto(group.get_absolute_url())
    section = page.get_by_role("region", name="Who is next")
    expect(section).to_contain_text(school.name)
    expect(section).to_contain_text("Grace Hopper")
    expect(section).to_contain_text("Ada Byron")
    check_page(page, "group-who-is-next")
    section.get_by_role("link", name="Plan meetings with the rota planner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan meetings")
