"""An attendee of yesterday's conference answers its evaluation from the event page without
giving their name and prints their certificate; the organiser reads the results, where the
anonymous answer carries no name."""

import datetime
import importlib

from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Attendance, EventKind
from feedback.models import Question
from feedback.services import Part, evaluation_submit
from tests.browser.conftest import check_page, sign_in, verified_login
from tests.factories import EventFactory, PersonFactory, RegistrationFactory


def test_attendee_answers_and_organiser_reads_the_results(
    page, other_page, coordinator, staff, partnership, school
):
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(
        kind=EventKind.CONFERENCE,
        title="Spring maths conference",
        partnership=partnership,
        host_school=school,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
    )
    for person in [staff.person, PersonFactory(), PersonFactory()]:
        RegistrationFactory(event=event, person=person)
        Attendance.objects.create(event=event, person=person, status="attended")
    # A live-server test's database is emptied between tests, the migrations' rows with it.
    importlib.import_module("feedback.migrations.0003_question_library").add_library(apps, None)
    useful = Question.objects.get(text="Overall, how useful was this event?")
    organised = Question.objects.get(text="How well was it organised?")
    for other in Attendance.objects.exclude(person=staff.person).select_related("person"):
        evaluation_submit(
            event=event,
            person=other.person,
            parts=[Part(session=None, answers=[(useful, 3, ""), (organised, 3, "")])],
            named=False,
            today=timezone.localdate(),
        )

    sign_in(page, verified_login(staff))
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Answer the evaluation").click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose a rating from 1 to 5.")
    check_page(page, "evaluation-errors")
    page.get_by_role("group", name=useful.text).get_by_label("5 (excellent)").check()
    page.get_by_role("group", name=organised.text).get_by_label("4").check()
    page.get_by_label("What could be better next time?").fill("A longer lunch")
    expect(page.get_by_label("Show my name with my answers")).not_to_be_checked()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    page.get_by_role("link", name="Print your certificate of attendance").click()
    expect(page.get_by_text(staff.person.display_name)).to_be_visible()
    check_page(page, "certificate")

    sign_in(other_page, verified_login(coordinator))
    other_page.goto(event.get_absolute_url())
    other_page.get_by_role("link", name="Evaluation results").click()
    expect(other_page.get_by_text("A longer lunch")).to_be_visible()
    expect(other_page.get_by_text(staff.person.display_name)).to_have_count(0)
    expect(other_page.get_by_text("Average 3.7 out of 5 from 3 ratings")).to_be_visible()
    check_page(other_page, "evaluation-results")
