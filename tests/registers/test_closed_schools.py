"""Closed schools and the head's name, as the register gives them, wherever schools are shown.

The sample extract: Elmridge School (990104) closed on 31-08-2019; Elmridge Academy (990005)
replaced it on the same site. Sainte-Thérèse (990105) has a head named in the register.
"""

import datetime

import pytest

from partnerships.models import Membership
from registers.importer import import_register
from schools.models import School
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(sample_text):
    import_register(text=sample_text(), dry_run=False)
    return School.objects.get(urn="990104"), School.objects.get(urn="990005")


def test_the_close_date_is_stored_and_shown_on_the_school_page(anonymous, register):
    closed, _academy = register
    assert closed.closed_on == datetime.date(2019, 8, 31)
    html = anonymous.get(closed.get_absolute_url()).content.decode()
    assert "<dt>Closed on</dt>" in html and "31 August 2019" in html


def test_the_registers_head_is_shown_when_no_headteacher_is_linked(anonymous, register):
    school = School.objects.get(urn="990105")
    assert school.head_name == "Mrs Zoë Brontë" and school.headteacher is None
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert "Mrs Zoë Brontë" in html and "Not recorded" not in html
    school.headteacher = PersonFactory(school=school, first_name="Linked", last_name="Head")
    school.save()
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert "Linked Head" in html and "Mrs Zoë Brontë" not in html


def test_directory_hides_closed_schools_unless_asked(anonymous, register):
    names = lambda response: [s.name for s in response.context["schools"]]  # noqa: E731
    assert "Elmridge School" not in names(anonymous.get("/schools/"))
    shown = anonymous.get("/schools/", {"closed": "shown"})
    assert "Elmridge School" in names(shown)
    assert "(Closed 31 Aug 2019)" in shown.content.decode()
    assert names(anonymous.get("/schools/", {"status": "closed"})) == ["Elmridge School"]


def test_schools_nearby_mark_a_closed_school(anonymous, register):
    _closed, academy = register
    html = anonymous.get(academy.get_absolute_url()).content.decode()
    assert 'Elmridge School</a> <span class="meta">(closed)</span>' in html


def test_partnership_page_marks_a_closed_member(anonymous, register, partnership):
    closed, _academy = register
    Membership.objects.create(
        school=closed, partnership=partnership, joined_on=datetime.date(2015, 9, 1)
    )
    html = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert 'Elmridge School</a> <span class="meta">(closed)</span>' in html


def test_membership_import_refuses_a_closed_school_joining_after_it_closed(
    coordinator, partnership, register
):
    from tests.registers.test_views_import_memberships import HEADER, upload, url

    response = coordinator.post(url(partnership), upload(HEADER + "990104,member,01/09/2024,,,\n"))
    assert response.status_code == 400
    assert "Elmridge School closed on 31 August 2019" in response.content.decode()
    assert not Membership.objects.filter(school__urn="990104").exists()


def test_membership_form_refuses_a_closed_school_joining_after_it_closed(
    coordinator, partnership, register
):
    closed, _academy = register
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/members/add/",
        {"school": closed.pk, "role": "member", "joined_on": "2024-09-01", "left_on": ""},
    )
    assert response.status_code in (200, 400)
    assert "cannot join a partnership after that date" in response.content.decode()
    assert not Membership.objects.filter(school=closed).exists()
    # Before its close date it could join (a past membership, recorded afterwards).
    coordinator.post(
        f"/partnerships/{partnership.slug}/members/add/",
        {"school": closed.pk, "role": "member", "joined_on": "2015-09-01", "left_on": "2019-08-31"},
    )
    assert Membership.objects.filter(school=closed).exists()
