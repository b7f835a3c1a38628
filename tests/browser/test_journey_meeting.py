"""A meeting that runs itself, from the date poll to the actions of its minutes.

A coordinator opens a date poll for a network group, three members answer it, the coordinator
fixes the best date: the meeting appears with its host, chair and minute-taker from the rota.
One member sends apologies with a reason; after the meeting the chair takes the roll call and
the minute-taker drafts minutes with two actions and publishes them. The actions then stand on
the next meeting's agenda and on their owner's home page. Every page is axe-clean and fits a
375 px phone (check_page).
"""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Attendance, Event, MinuteAction
from tests.browser.conftest import (
    PASSWORD,
    _browser_page,
    check_page,
    sign_in,
    sign_in_with_code,
    verified_login,
    with_authenticator,
)
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)
from tests.polls.conftest import label, term_tuesdays


def _member(school, first: str, last: str, job_title: str = "Class teacher"):
    """A member of staff with an account, a known password and a verified address."""
    person = PersonFactory(school=school, first_name=first, last_name=last, job_title=job_title)
    person.user = UserFactory(email=person.email, password=PASSWORD)
    person.save(update_fields=["user"])
    EmailAddress.objects.create(user=person.user, email=person.email, verified=True, primary=True)
    return person


@pytest.fixture
def browser_for(browser, live_server, page):
    """Opens a browser of its own (own cookies) for each further person; closed at teardown,
    before the live server's, even when the journey fails half way."""
    opened = []

    def open_page():
        context, other = _browser_page(browser, live_server.url)
        opened.append((context, other))
        return other

    yield open_page
    for context, _ in opened:
        context.close()
    for _, other in opened:
        assert other.external_requests == [], f"Third-party requests: {other.external_requests}"


def assert_beside(page, label: str) -> None:
    """The radio button named `label` and its label's text sit on one line, the label to the
    right of it (not under it, as a heading would), at the page's current width."""
    button = page.get_by_role("radio", name=label, exact=True)
    text = page.locator(f'label[for="{button.get_attribute("id")}"]').bounding_box()
    radio = button.bounding_box()
    assert text["x"] >= radio["x"] + radio["width"], f"{label}: {radio} {text}"
    assert abs((text["y"] + text["height"] / 2) - (radio["y"] + radio["height"] / 2)) < 8, label


def test_poll_to_published_minutes_with_actions_carried_forward(
    browser_for, page, coordinator, head, partnership, school
):
    ada = _member(school, "Ada", "Archer")
    ben = _member(school, "Ben", "Baker")
    brookside = SchoolFactory(name="Brookside Primary School", slug="brookside-primary-school")
    MembershipFactory(school=brookside, partnership=partnership)
    cleo = _member(brookside, "Cleo", "Cole")
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    group.members.add(ada, ben, cleo)

    first, second, third = term_tuesdays(3)
    # The group's next meeting after the one the poll will fix, already planned at Brookside:
    # the rota, counting it, gives the polled meeting to Abbeyfield.
    later = EventFactory(
        title="Maths network summer meeting",
        network_group=group,
        partnership=partnership,
        host_school=brookside,
        starts_at=third,
        ends_at=third + datetime.timedelta(hours=2),
    )

    # The coordinator opens the poll from the group's page.
    sign_in(page, verified_login(coordinator))
    page.goto(group.get_absolute_url())
    check_page(page, "meeting-journey-group")
    page.get_by_role("link", name="Find a date with a poll").click()
    page.get_by_label("Title").fill("Maths network spring meeting")
    page.get_by_label("Date and time 1").fill(f"{timezone.localtime(first):%Y-%m-%dT%H:%M}")
    page.get_by_label("Date and time 2").fill(f"{timezone.localtime(second):%Y-%m-%dT%H:%M}")
    check_page(page, "meeting-journey-poll-new")
    page.get_by_role("button", name="Open the poll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maths network spring meeting")
    poll_url = page.url

    # Three members answer, each in a browser of their own, one click per date.
    answers = {
        ada: ("Yes", "Yes"),
        ben: ("No", "Yes"),
        cleo: ("If need be", "Yes"),
    }
    pages = {}
    for person, (on_first, on_second) in answers.items():
        member_page = pages[person] = browser_for()
        sign_in(member_page, person.email)
        member_page.goto("/")
        member_page.get_by_role("link", name="Maths network spring meeting").click()
        for answer, at in ((on_first, first), (on_second, second)):
            button = member_page.get_by_role("button", name=f"{answer} for {label(at)}")
            button.click()
            expect(button).to_have_attribute("aria-pressed", "true")
        if person == ada:
            check_page(member_page, "meeting-journey-poll-answered")

    # The coordinator sees the best date with who can come and fixes it.
    page.goto(poll_url)
    best = f"{timezone.localtime(second):%a %-d %b %Y, %H:%M}: 3 yes, 0 if need be."
    expect(page.get_by_text(best)).to_be_visible()
    can_come = page.get_by_text(re.compile("^Can come: "))
    for person in answers:
        expect(can_come).to_contain_text(person.display_name)
    check_page(page, "meeting-journey-poll-best")
    page.get_by_role("button", name=f"Fix this date: {label(second)}").click()
    expect(page.get_by_role("status").first).to_contain_text("The date is fixed")
    meeting = Event.objects.get(title="Maths network spring meeting")
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    # Host, chair and minute-taker from the rota: Abbeyfield (Brookside hosts the next one),
    # its head in the chair, a group member of its staff taking the minutes.
    assert (meeting.host_school, meeting.starts_at) == (school, second)
    assert (meeting.chair, meeting.minute_taker) == (head.person, ada)
    expect(page.get_by_text(school.name).first).to_be_visible()
    check_page(page, "meeting-journey-meeting")
    page.goto(group.get_absolute_url())
    who_is_next = page.get_by_role("region", name="Who is next")
    expect(who_is_next.get_by_role("link").first).to_have_attribute(
        "href", meeting.get_absolute_url()
    )
    expect(who_is_next).to_contain_text(school.name)
    expect(who_is_next).to_contain_text(head.person.display_name)

    # Ben cannot come after all: he sends apologies with a reason from the meeting's page.
    ben_page = pages[ben]
    ben_page.goto(meeting.get_absolute_url())
    ben_page.get_by_label("Can't attend (send apologies)").check()
    ben_page.get_by_label("Reason (optional)").fill("Year 6 residential trip")
    check_page(ben_page, "meeting-journey-rsvp")
    for width in (1280, 375):
        ben_page.set_viewport_size({"width": width, "height": 800})
        assert_beside(ben_page, "Going")
        assert_beside(ben_page, "Can't attend (send apologies)")
    ben_page.get_by_role("button", name="Send my answer").click()
    expect(ben_page.get_by_role("status").first).to_contain_text("Your apologies are sent")
    expect(ben_page.get_by_text("Year 6 residential trip")).to_be_visible()

    # The meeting has happened: the poll could only fix a date to come, so the test moves the
    # meeting to yesterday through the ORM (its next meeting stays to come).
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=meeting.pk).update(
        starts_at=yesterday, ends_at=yesterday + datetime.timedelta(hours=2)
    )

    # The chair takes the roll call: Ben's apologies are already ticked.
    chair_page = browser_for()
    # A head signs in with an authenticator code (their role needs two-factor sign-in).
    sign_in_with_code(chair_page, verified_login(head), with_authenticator(head))
    chair_page.goto(meeting.get_absolute_url())
    chair_page.get_by_role("link", name="Take the roll call").click()
    expect(chair_page.get_by_role("heading", level=1)).to_have_text("Roll call")
    sorry = chair_page.get_by_role("group", name=re.compile(ben.display_name))
    expect(sorry.get_by_label("Absent with apologies")).to_be_checked()
    for person in (ada, cleo):
        chair_page.get_by_role("group", name=re.compile(person.display_name)).get_by_label(
            "Attended"
        ).check()
    check_page(chair_page, "meeting-journey-roll-call")
    chair_page.get_by_role("button", name="Save attendance").click()
    expect(chair_page.get_by_role("status").first).to_contain_text("Attendance is saved")
    statuses = dict(Attendance.objects.filter(event=meeting).values_list("person", "status"))
    assert {ada.pk: statuses[ada.pk], ben.pk: statuses[ben.pk], cleo.pk: statuses[cleo.pk]} == {
        ada.pk: "attended",
        ben.pk: "apologies",
        cleo.pk: "attended",
    }

    # The minute-taker drafts the minutes with two actions, then publishes them.
    ada_page = pages[ada]
    ada_page.goto(meeting.get_absolute_url())
    ada_page.get_by_role("link", name="Write the minutes").click()
    minutes = ada_page.get_by_label("Minutes")
    expect(minutes).to_have_value(re.compile("Apologies: .*Year 6 residential trip"))
    minutes.fill("Apologies: Ben Baker.\n\nAgreed the **calculation policy** for Years 3 to 6.")
    first_action = ada_page.get_by_role("group", name="New action 1")
    first_action.get_by_label("Action").fill("Share the calculation policy")
    first_action.get_by_label("Owner").select_option(label=f"Cleo Cole ({brookside.name})")
    due = timezone.localdate(third) - datetime.timedelta(days=7)
    first_action.get_by_label("Due").fill(f"{due:%Y-%m-%d}")
    second_action = ada_page.get_by_role("group", name="New action 2")
    second_action.get_by_label("Action").fill("Book the hall for the summer meeting")
    second_action.get_by_label("Owner").select_option(label=f"Ada Archer ({school.name})")
    check_page(ada_page, "meeting-journey-minutes-draft")
    ada_page.get_by_role("button", name="Save the draft").click()
    expect(ada_page.get_by_role("status").first).to_contain_text("saved (a draft)")
    # A draft: the members do not read it yet.
    pages[cleo].goto(meeting.get_absolute_url())
    expect(pages[cleo].get_by_text("calculation policy for Years 3 to 6")).to_have_count(0)
    ada_page.get_by_role("button", name="Publish the minutes").click()
    expect(ada_page.get_by_role("status").first).to_contain_text("The minutes are published")
    expect(ada_page.get_by_role("strong")).to_have_text("calculation policy")
    check_page(ada_page, "meeting-journey-minutes-published")
    assert set(MinuteAction.objects.values_list("description", "owner", "due_on")) == {
        ("Share the calculation policy", cleo.pk, due),
        ("Book the hall for the summer meeting", ada.pk, None),
    }

    # The group's page lists the open actions; who is next is now the summer meeting's host.
    page.goto(group.get_absolute_url())
    open_actions = page.locator("#actions + *")
    expect(open_actions).to_contain_text("Share the calculation policy")
    expect(open_actions).to_contain_text("Book the hall for the summer meeting")
    expect(who_is_next).to_contain_text(brookside.name)
    check_page(page, "meeting-journey-group-actions")

    # The actions stand on the next meeting's agenda until done...
    cleo_page = pages[cleo]
    cleo_page.goto(later.get_absolute_url())
    carried = cleo_page.locator("#carried-actions + *")
    expect(carried).to_contain_text("Share the calculation policy")
    expect(carried).to_contain_text("Book the hall for the summer meeting")
    check_page(cleo_page, "meeting-journey-next-agenda")

    # ...and on their owner's home page (Cleo's only: Ada's action is not hers).
    cleo_page.goto("/")
    mine = cleo_page.get_by_role("region", name="My actions")
    expect(mine).to_contain_text("Share the calculation policy")
    expect(mine).to_contain_text(f"due {due:%-d %b %Y}")
    expect(mine).not_to_contain_text("Book the hall")
    check_page(cleo_page, "meeting-journey-home")
