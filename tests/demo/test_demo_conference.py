"""The demo's joint conference: a programme held a few weeks ago with its choices, waiting
lists and attendance, and a programme to come that the demo staff login can choose from."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone

from accounts.models import User
from events.models import Attendance, Event, Registration
from programme.models import Choice, Session


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_the_past_conference_has_its_programme_choices_and_attendance(demo):
    event = Event.objects.get(title__startswith="Eastbridge alliance conference")
    assert event.ends_at < timezone.now()
    assert event.host_school is not None
    slots = list(event.slots.annotate(n=Count("sessions")).order_by("starts_at"))
    keynotes = Session.objects.filter(slot__event=event, kind=Session.Kind.KEYNOTE)
    assert keynotes.count() == 2
    assert keynotes.first().slot == slots[0] and keynotes.last().slot == slots[-1]
    workshop_slots = [s for s in slots if s.title.startswith("Workshops")]
    assert len(workshop_slots) == 3 and all(s.n == 4 for s in workshop_slots)
    workshops = Session.objects.filter(slot__in=workshop_slots)
    assert all(w.room and w.capacity and w.presenters.exists() for w in workshops)
    presenters = {p.school_id for w in workshops for p in w.presenters.all()}
    assert None not in presenters

    registrations = Registration.objects.filter(event=event, status="confirmed")
    assert registrations.count() == 150
    assert not registrations.filter(person__school__isnull=True).exists()
    # Every registrant chose one workshop in each slot.
    per_person = Choice.objects.filter(slot__event=event).values("person").annotate(n=Count("pk"))
    assert len(per_person) == 150 and {row["n"] for row in per_person} == {3}

    counts = workshops.annotate(
        confirmed=Count("choices", filter=Q(choices__status="confirmed")),
        waiting=Count("choices", filter=Q(choices__status="waitlisted")),
    )
    assert any(s.waiting for s in counts), "some workshops have waiting lists"
    for session in counts:
        assert session.confirmed <= session.capacity
        assert session.waiting == 0 or session.confirmed == session.capacity

    marks = Attendance.objects.filter(event=event)
    assert marks.count() == 150
    assert marks.filter(status="attended").count() > 120
    assert marks.exclude(status="attended").exists()


def test_the_demo_staff_login_can_choose_at_the_conference_to_come(demo):
    user = User.objects.get(email="staff@example.org")
    event = Event.objects.get(title="Eastbridge joint staff conference")
    assert event.starts_at > timezone.now()
    assert Registration.objects.filter(event=event, person__user=user, status="confirmed").exists()
    assert Choice.objects.filter(slot__event=event, status="waitlisted").exists()
    client = Client()
    client.force_login(user)
    page = client.get(f"/programme/event/{event.pk}/").content.decode()
    assert "1 of 8 left" in page and "Join the waiting list" in page and "Choose" in page
    session = Session.objects.get(slot__event=event, title="Coaching conversations")
    client.post(f"/programme/session/{session.pk}/choose/")
    assert Choice.objects.get(session=session, person__user=user).status == "confirmed"


def test_the_past_conference_was_evaluated_and_the_demo_staff_login_may_answer(demo):
    from feedback.models import Respondent, Response

    event = Event.objects.get(title__startswith="Eastbridge alliance conference")
    attended = Attendance.objects.filter(event=event, status="attended").count()
    answered = Respondent.objects.filter(event=event, session__isnull=True).count()
    assert attended * 0.6 < answered < attended
    # Enough answers per workshop for organisers to see results (three or more).
    per_session = (
        Response.objects.filter(event=event, session__isnull=False)
        .values("session")
        .annotate(n=Count("pk"))
    )
    assert sum(row["n"] >= 3 for row in per_session) >= 12
    user = User.objects.get(email="staff@example.org")
    assert Attendance.objects.filter(event=event, person__user=user, status="attended").exists()
    assert not Respondent.objects.filter(event=event, person__user=user).exists()
    client = Client()
    client.force_login(user)
    form = client.get(f"/feedback/event/{event.pk}/")
    assert form.status_code == 200 and "How useful was" in form.content.decode()
    assert client.get(f"/feedback/event/{event.pk}/certificate/").status_code == 200
