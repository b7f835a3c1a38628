"""A coordinator plans a half-termly host rota for the partnership and saves it as events."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from events.rota import ENGLAND_HALF_TERMS
from tests.browser.conftest import (
    check_page,
    password_prompts,
    sign_in,
    tab_through,
    verified_login,
)
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory

MEETINGS = 3


def first_meeting_day() -> datetime.date:
    """The Tuesday of the second week of the next half term with room for the series."""
    today = timezone.localdate()
    upcoming = [h for h in ENGLAND_HALF_TERMS if h.first_day > today]
    assert len(upcoming) >= MEETINGS, "The built-in school calendar needs extending."
    monday = upcoming[0].first_day - datetime.timedelta(days=upcoming[0].first_day.weekday())
    return monday + datetime.timedelta(days=8)


def test_coordinator_plans_a_half_termly_host_rota_and_saves_it(
    page, coordinator, partnership, school
):
    for name in ("Brookside Primary School", "Castleton Junior School"):
        member = SchoolFactory(name=name)
        member.headteacher = PersonFactory(school=member, job_title="Headteacher")
        member.save()
        PersonFactory(school=member, job_title="Deputy headteacher")
        MembershipFactory(school=member, partnership=partnership)
    sign_in(page, verified_login(coordinator))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_label("Partnership").fill(partnership.name)
    page.get_by_role("button", name="Show events").click()
    expect(page).to_have_url(re.compile(r"partnership=\w+"))
    expect(page.get_by_role("status")).to_have_text("No events found")
    expect(page.get_by_text("No events match these filters.")).to_be_visible()
    check_page(page, "events-empty")

    page.get_by_role("link", name=f"Plan meetings for {partnership.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Plan meetings for {partnership.name}"
    )
    check_page(page, "rota")
    tab_through(page, "main form")

    first = first_meeting_day()
    page.get_by_label("Every half term").check()
    page.get_by_label("First meeting").fill(first.isoformat())
    page.get_by_label("Number of meetings").fill(str(MEETINGS))
    page.get_by_role("button", name="Propose a rota").click()
    proposal = page.get_by_role("table", name="Proposed meetings")
    expect(proposal.get_by_role("row")).to_have_count(MEETINGS + 1)
    # Every school hosts once before any hosts twice.
    hosts = [
        proposal.get_by_role("row")
        .nth(n)
        .get_by_label("Host")
        .evaluate("select => select.selectedOptions[0].textContent")
        for n in range(1, MEETINGS + 1)
    ]
    assert len(set(hosts)) == MEETINGS, hosts
    check_page(page, "rota-proposed")

    page.get_by_role("button", name=f"Save these {MEETINGS} meetings").click()
    expect(page.get_by_role("status").first).to_contain_text(f"{MEETINGS} meetings are saved.")
    expect(page).to_have_url(re.compile(rf"partnership={partnership.slug}"))
    expect(page.get_by_label("Partnership")).to_have_value(partnership.name)
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(MEETINGS + 1)
    check_page(page, "events-planned")

    saved = Event.objects.filter(partnership=partnership).order_by("starts_at")
    assert [e.starts_at.date() for e in saved][0] == first
    assert len(saved) == MEETINGS
    assert {e.host_school.name for e in saved} == set(hosts)
    assert saved[0].title.endswith(f"(1 of {MEETINGS})")
    assert len(password_prompts(page)) == 1
