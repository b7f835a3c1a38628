"""A member of staff goes to the alliance's conference on a phone: registers, chooses a
workshop in each round (one of them full, so the waiting list), finds the sessions in their
timetable, and after the day, marked present at the roll call, answers the evaluation of the
conference and of the workshop they went to."""

import datetime
import importlib
import re

from django.apps import apps
from playwright.sync_api import expect

from events.models import Attendance, Registration
from feedback.models import Respondent, Response
from programme.models import Choice
from tests.browser.conftest import check_page, sign_in, verified_login
from tests.factories import PersonFactory
from tests.programme.conftest import choose, make_conference, make_session, make_slot

PHONE = {"width": 375, "height": 800}


def test_a_member_registers_chooses_on_a_phone_and_gives_feedback_after_the_day(
    page, staff, partnership, school
):
    # A live-server test's database is emptied between tests, the migrations' rows with it.
    importlib.import_module("feedback.migrations.0003_question_library").add_library(apps, None)
    conference = make_conference(
        partnership=partnership, host_school=school, title="Alliance summer conference"
    )
    make_session(
        make_slot(conference, hour=9, title="Opening keynote"), title="Why we read", kind="keynote"
    )
    first = make_slot(conference, hour=10, title="Workshops 1")
    phonics = make_session(first, title="Phonics in practice", capacity=1, room="Hall")
    make_session(first, title="Maths mastery", capacity=20, room="Library")
    second = make_slot(conference, hour=11, title="Workshops 2")
    coaching = make_session(second, title="Coaching conversations", capacity=20, room="Studio")
    make_session(second, title="Science enquiry", capacity=20, room="Lab")
    choose(phonics, PersonFactory())  # the one place is taken

    page.set_viewport_size(PHONE)
    sign_in(page, verified_login(staff))
    page.goto(conference.get_absolute_url())
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()

    page.get_by_role("link", name="The programme and choosing sessions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Programme: {conference.title}")
    page.get_by_role("button", name=re.compile(r"^Join the waiting list\s*: Phonics")).click()
    expect(page.get_by_role("status").first).to_contain_text("waiting list")
    page.get_by_role("button", name=re.compile(r"^Choose\s*: Coaching conversations$")).click()
    expect(page.get_by_role("status").first).to_contain_text("You have a place")
    check_page(page, "conference-programme")
    assert Choice.objects.get(person=staff.person, slot=first).status == "waitlisted"
    assert Choice.objects.get(person=staff.person, slot=second).session == coaching

    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="My timetable").first.click()
    timetable = page.get_by_role("main")
    expect(timetable.get_by_role("link", name="Why we read")).to_be_visible()
    expect(timetable.get_by_role("link", name="Coaching conversations")).to_be_visible()
    expect(timetable.get_by_text("On the waiting list")).to_be_visible()
    check_page(page, "conference-timetable")

    # The day has passed; the organisers marked the member present at the roll call.
    conference.starts_at = conference.starts_at - datetime.timedelta(days=21)
    conference.ends_at = conference.ends_at - datetime.timedelta(days=21)
    conference.save()
    Attendance.objects.create(
        event=conference, person=staff.person, school=staff.person.school, status="attended"
    )
    assert Registration.objects.filter(event=conference, person=staff.person).exists()

    page.set_viewport_size(PHONE)
    page.goto(conference.get_absolute_url())
    page.get_by_role("link", name="Answer the evaluation").click()
    useful = page.get_by_role("group", name="Overall, how useful was this event?")
    useful.get_by_label("5 (excellent)").check()
    page.get_by_role("group", name="How well was it organised?").get_by_label("4").check()
    # A part for each session the member went to: the keynote, and the workshop with a place
    # (not the one they waited for).
    for title, rating in [("Why we read", "5 (excellent)"), ("Coaching conversations", "4")]:
        part = page.get_by_role("region", name=re.compile(f"Session: {title}"))
        useful = part.get_by_role("group", name="How useful was the talk or workshop?")
        useful.get_by_label(rating).check()
        part.get_by_role("group", name="How likely are you to use what you learned?").get_by_label(
            "4"
        ).check()
    expect(page.get_by_role("region", name=re.compile("Phonics"))).to_have_count(0)
    check_page(page, "conference-evaluation")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert Respondent.objects.filter(event=conference, person=staff.person).count() == 3
    assert Response.objects.filter(event=conference, session=coaching, person=None).count() == 1
