"""A coordinator opens a date poll, a member answers it with one click per date, and the
coordinator fixes the best date: the meeting appears with its host from the rota."""

from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from tests.browser.conftest import check_page, sign_in, verified_login
from tests.factories import PersonFactory
from tests.polls.conftest import label, term_tuesdays


def test_poll_from_opening_to_the_fixed_meeting(page, other_page, coordinator, staff, school):
    school.headteacher = PersonFactory(school=school, job_title="Headteacher")
    school.save()
    first, second = term_tuesdays(2)
    sign_in(page, verified_login(coordinator))
    partnership = coordinator.person.school.memberships.get().partnership
    page.goto(partnership.get_absolute_url())
    page.get_by_role("link", name="Find a date with a poll").click()
    page.get_by_label("Title").fill("Heads meeting, spring")
    page.get_by_label("Date and time 1").fill(f"{timezone.localtime(first):%Y-%m-%dT%H:%M}")
    page.get_by_label("Date and time 2").fill(f"{timezone.localtime(second):%Y-%m-%dT%H:%M}")
    page.get_by_role("button", name="Open the poll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Heads meeting, spring")
    check_page(page, "poll-open")

    sign_in(other_page, verified_login(staff))
    other_page.goto("/")
    other_page.get_by_role("link", name="Heads meeting, spring").click()
    maybe = other_page.get_by_role("button", name=f"If need be for {label(first)}")
    maybe.click()
    expect(maybe).to_have_attribute("aria-pressed", "true")
    other_page.get_by_role("button", name=f"Yes for {label(second)}").click()
    expect(other_page.get_by_role("button", name=f"Yes for {label(second)}")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(other_page.get_by_text(f"Can come: {staff.person.display_name}.")).to_be_visible()
    # Answered in place (htmx), the pressed button keeping the keyboard's focus.
    assert "#option-" not in other_page.url
    expect(other_page.get_by_role("button", name=f"Yes for {label(second)}")).to_be_focused()
    check_page(other_page, "poll-answered")

    page.reload()
    page.get_by_role("button", name=f"Fix this date: {label(second)}").click()
    event = Event.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    assert event.host_school == school and event.starts_at == second
    expect(page.get_by_text(school.name).first).to_be_visible()
