"""The chair of a meeting held yesterday takes the roll call (apologies pre-filled from an
answer), drafts minutes with two actions and publishes them; a member then reads them."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from events.models import Attendance, MinuteAction
from tests.browser.conftest import check_page, sign_in, verified_login
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory, RsvpFactory


def test_chair_takes_the_roll_call_and_publishes_minutes_with_actions(
    page, other_page, coordinator, staff, partnership, school
):
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    present = PersonFactory(school=school, first_name="Ada", last_name="Present")
    group.members.add(present, staff.person)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    meeting = EventFactory(
        title="Maths network meeting",
        network_group=group,
        partnership=partnership,
        host_school=school,
        chair=coordinator.person,
        starts_at=yesterday,
        ends_at=yesterday + datetime.timedelta(hours=2),
    )
    RsvpFactory(event=meeting, person=staff.person, answer="apologies", reason="Year 6 trip")

    sign_in(page, verified_login(coordinator))
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Take the roll call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roll call")
    sorry = page.get_by_role("group", name=re.compile(staff.person.display_name))
    expect(sorry.get_by_label("Absent with apologies")).to_be_checked()
    page.get_by_role("group", name=re.compile("Ada Present")).get_by_label("Attended").check()
    check_page(page, "roll-call")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("status").first).to_contain_text("Attendance is saved")
    assert Attendance.objects.get(person=staff.person).status == "apologies"

    page.get_by_role("link", name="Write the minutes").click()
    expect(page.get_by_label("Minutes")).to_have_value(re.compile("Apologies: .*Year 6 trip"))
    page.get_by_label("Minutes").fill("Agreed the calculation policy.")
    first = page.get_by_role("group", name="New action 1")
    first.get_by_label("Action").fill("Share the calculation policy")
    first.get_by_label("Owner").select_option(label=f"Ada Present ({school.name})")
    page.get_by_role("group", name="New action 2").get_by_label("Action").fill("Book the hall")
    check_page(page, "minutes-draft")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status").first).to_contain_text("saved (a draft)")
    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.get_by_role("status").first).to_contain_text("The minutes are published")
    assert MinuteAction.objects.count() == 2

    sign_in(other_page, verified_login(staff))
    other_page.goto(meeting.get_absolute_url())
    expect(other_page.get_by_text("Agreed the calculation policy.")).to_be_visible()
    expect(other_page.get_by_text("Share the calculation policy")).to_be_visible()
    check_page(other_page, "minutes-published")
