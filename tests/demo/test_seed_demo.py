"""The demo alliance looks like the seed pages, and building it twice changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command

from accounts.models import User
from events.models import Event
from partnerships.models import Membership, NetworkGroup, Partnership, PartnershipKind
from people.models import Designation, Person, RoleAssignment
from schools.feeders import FeederLink
from schools.models import School

APPS = ["accounts", "schools", "people", "partnerships", "events", "polls", "programme", "account"]


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", *APPS, stdout=out, indent=None)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_builds_the_fictional_alliance():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert School.objects.count() >= 24
    assert Person.objects.count() >= 250
    clusters = Partnership.objects.filter(kind=PartnershipKind.REGIONAL_CLUSTER)
    assert clusters.count() == 3
    assert all(c.parent and c.parent.kind == PartnershipKind.ALLIANCE for c in clusters)
    trust = Partnership.objects.get(kind=PartnershipKind.TRUST)
    assert Membership.objects.filter(partnership=trust).count() == 7
    assert Partnership.objects.filter(kind=PartnershipKind.UNIVERSITY_PARTNERSHIP).exists()
    assert NetworkGroup.objects.filter(chair__isnull=False).count() >= 5
    assert Event.objects.past().exists() and Event.objects.upcoming().exists()
    sle = RoleAssignment.objects.filter(role_type__abbreviation="SLE", specialism__isnull=False)
    assert sle.exists()
    # Fictional contacts only.
    emails = Person.objects.exclude(email="").values_list("email", flat=True)
    assert all(email.endswith("example.org") for email in emails)
    phones = [str(p.telephone.as_national) for p in Person.objects.exclude(telephone="")]
    assert all(p.startswith(("020 7946 0", "0161 496 0")) for p in phones)
    # Every demo number is one a profile form accepts, so any demo profile can be saved.
    assert all(p.telephone.is_valid() for p in Person.objects.exclude(telephone=""))
    # One demo login for each kind of user, printed for the person running the demo.
    assert User.objects.get(email="admin@example.org").is_alliance_admin
    head = User.objects.get(email="head@example.org")
    assert School.objects.filter(headteacher__user=head).exists()
    assert User.objects.filter(email="staff@example.org").exists()
    for email in ("admin@example.org", "head@example.org", "staff@example.org"):
        assert email in out.getvalue()
    # Careers: everyone at a school holds a current post there; the demo head came from
    # another school, and that past post shows on their page.
    demo_head = Person.objects.get(user=head)
    assert not Person.objects.filter(school__isnull=False).exclude(posts__ends_on=None).exists()
    past = demo_head.posts.exclude(ends_on=None).get()
    assert past.school != demo_head.school
    # Groups as they run: two co-chairs on the SEND network, objectives with progress notes.
    send = NetworkGroup.objects.get(slug="send-network")
    assert send.chairs.current().filter(title="co_chair").count() == 2
    assert send.objectives.filter(notes__isnull=False).distinct().count() == 2
    # SLEs with review dates, one due soon.
    soon = datetime.date.today() + datetime.timedelta(days=60)
    designations = Designation.objects.filter(kind="sle", review_due__isnull=False)
    assert designations.count() >= 3
    assert designations.filter(review_due__lte=soon).exists()
    # Qualifications and year groups taught.
    assert demo_head.qualification_records.filter(qualification__slug="npqh").exists()
    assert Person.objects.filter(year_groups__code="Y2").exists()
    assert Person.objects.filter(year_groups__code="Y5").exists()
    # The head's roles at two outside organisations, which have pages.
    outside = demo_head.role_assignments.exclude(organisation=None)
    assert outside.values("organisation").distinct().count() == 2
    # Two primary schools feed a secondary school.
    assert (
        FeederLink.objects.filter(feeder__phase="primary", receiver__phase="secondary").count() == 2
    )


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    before = snapshot()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == before
    assert "nothing changed" in out.getvalue()


@pytest.mark.django_db
def test_demo_login_signs_in(client):
    call_command("seed_demo", stdout=io.StringIO())
    response = client.post(
        "/accounts/login/",
        {"login": "staff@example.org", "password": "alliance-demo-2026"},
    )
    assert response.status_code == 302
    assert client.get("/people/").status_code == 200


@pytest.mark.django_db
def test_demo_ofsted_outcome_agrees_with_the_grade():
    """The register sample imported by the demo must not contradict a school's own grade."""
    call_command("seed_demo", stdout=io.StringIO())
    for school in School.objects.exclude(ofsted_grade=""):
        assert school.ofsted_outcome == school.get_ofsted_grade_display(), school.name


@pytest.mark.django_db
def test_the_demo_alliances_participation_report_shows_real_numbers():
    """The demo's held meetings have roll calls: the report for the town partnership (read
    by the demo's admin) counts them by school and by group."""
    from django.test import Client

    from events.models import Attendance, MinuteAction, Rsvp

    call_command("seed_demo", stdout=io.StringIO())
    assert Attendance.objects.filter(status="attended").count() > 20
    assert Attendance.objects.exclude(status="attended").exists()
    assert MinuteAction.objects.filter(status="open").exists()
    assert Rsvp.objects.filter(answer="apologies").exclude(reason="").exists()
    town = Partnership.objects.get(kind=PartnershipKind.ALLIANCE, parent__isnull=True)
    client = Client()
    client.force_login(User.objects.get(email="admin@example.org"))
    response = client.get(f"/events/participation/{town.slug}/")
    assert response.status_code == 200
    schools = response.context["schools"]
    assert len(schools) >= 5 and sum(r.attended for r in schools) > 20
    assert any(0 < r.rate < 100 for r in schools)
    html = response.content.decode()
    assert "Attendance by school" in html and "%" in html


@pytest.mark.django_db
def test_demo_has_term_dates_and_an_answered_date_poll():
    from polls.models import Poll, PollAnswer
    from schools.calendar import calendar_for
    from schools.models import TermPeriod, TermPeriodKind

    call_command("seed_demo", stdout=io.StringIO())
    alliance = TermPeriod.objects.alliance_wide()
    assert alliance.filter(kind=TermPeriodKind.TERM).count() == 6
    assert alliance.filter(kind=TermPeriodKind.HOLIDAY).count() == 5
    inset = TermPeriod.objects.filter(kind=TermPeriodKind.INSET).select_related("school")
    assert inset.count() == 5 and len({row.school for row in inset}) == 1
    assert "INSET day" in calendar_for(inset[0].school).closed_reason(inset[0].first_day)
    poll = Poll.objects.get(partnership__name__icontains="Central")
    assert poll.is_open and poll.options.count() == 3
    assert PollAnswer.objects.filter(option__poll=poll).count() >= 9
    calendar = calendar_for(None)
    assert not any(calendar.closed_reason(o.starts_at.date()) for o in poll.options.all())
