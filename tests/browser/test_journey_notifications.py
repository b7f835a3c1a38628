"""A chair messages their group through the portal; a member turns reminders off on their
notification settings page."""

import re

from playwright.sync_api import expect

from notifications.models import Choice, Kind, Message
from notifications.services import choices_for
from tests.browser.conftest import check_page, sign_in, verified_login
from tests.factories import PersonFactory


def test_the_chair_messages_the_group_without_seeing_addresses(page, chair, school):
    members = PersonFactory.create_batch(3, school=school)
    chair.group.members.add(*members)
    sign_in(page, verified_login(chair))
    page.goto(chair.group.get_absolute_url())
    page.get_by_role("link", name="Message the group").click()
    expect(page).to_have_title(re.compile("^Message the SEND network - "))
    check_page(page, "group-message-form")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".error-summary, [role=alert]").first).to_contain_text("Enter a subject.")
    page.get_by_label("Subject").fill("Room change")
    page.get_by_label("Message").fill("We meet in the hall on Tuesday.")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("Your message is on its way to 3 people.")).to_be_visible()
    for person in members:
        expect(page.locator("body")).not_to_contain_text(person.email)
    assert Message.objects.filter(kind=Kind.GROUP_MESSAGE).count() == 3


def test_a_member_turns_reminders_off(page, staff):
    sign_in(page, verified_login(staff))
    page.goto(staff.person.get_absolute_url())
    page.get_by_role("link", name="My notification settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My notification settings")
    check_page(page, "notification-settings")
    page.get_by_role("group", name=re.compile("^Reminders")).get_by_label("Do not send").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    assert choices_for(staff.person)[Kind.REMINDER] == Choice.OFF
    assert choices_for(staff.person)[Kind.MINUTES] == Choice.ON
