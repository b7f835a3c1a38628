"""Programmes and qualifications held with a year, phase and year groups taught, and roles
held at a school, group or outside organisation: on the person page, as directory filters, and
(qualifications) in search."""

import pytest

from partnerships.models import PartnerOrganisation
from people.models import PersonQualification, Qualification, RoleType, YearGroup
from search.index import reindex_all
from tests.factories import PersonFactory, RoleAssignmentFactory, SchoolFactory


@pytest.fixture
def npqh(db):
    return Qualification.objects.get(slug="npqh")


@pytest.fixture
def colleague(school):
    return PersonFactory(school=school, first_name="Quinn", last_name="Qualified")


def test_a_person_adds_their_own_qualification_and_it_shows(staff, npqh):
    me = staff.person
    response = staff.post(
        f"/people/{me.pk}/qualifications/add/", {"qualification": npqh.pk, "year": 2021}
    )
    assert response.status_code == 302
    html = staff.get(me.get_absolute_url()).content.decode()
    assert "NPQH (National Professional Qualification for Headship)" in html
    assert "2021" in html


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_their_school_and_admins_add_and_remove_a_qualification(request, persona, colleague, npqh):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/qualifications/add/"
    assert client.post(url, {"qualification": npqh.pk, "year": 2019}).status_code == 302
    record = colleague.qualification_records.get()
    remove = f"/people/{colleague.pk}/qualifications/{record.pk}/remove/"
    assert client.post(remove).status_code == 302
    assert not colleague.qualification_records.exists()


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_cannot_add_or_remove_qualifications(request, persona, colleague, npqh):
    client = request.getfixturevalue(persona)
    record = PersonQualification.objects.create(person=colleague, qualification=npqh, year=2020)
    url = f"/people/{colleague.pk}/qualifications/add/"
    assert client.post(url, {"qualification": npqh.pk}).status_code == 403
    remove = f"/people/{colleague.pk}/qualifications/{record.pk}/remove/"
    assert client.post(remove).status_code == 403
    assert colleague.qualification_records.count() == 1


def test_removing_is_post_only_and_anonymous_signs_in(anonymous, head, colleague, npqh):
    record = PersonQualification.objects.create(person=colleague, qualification=npqh)
    remove = f"/people/{colleague.pk}/qualifications/{record.pk}/remove/"
    assert head.get(remove).status_code == 405
    response = anonymous.post(remove)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert colleague.qualification_records.exists()


def test_the_same_qualification_twice_or_a_silly_year_is_refused(head, colleague, npqh):
    url = f"/people/{colleague.pk}/qualifications/add/"
    head.post(url, {"qualification": npqh.pk, "year": 2020})
    again = head.post(url, {"qualification": npqh.pk, "year": 2021})
    assert again.status_code == 200
    assert "This person already holds this." in again.content.decode()
    silly = head.post(url, {"qualification": Qualification.objects.get(slug="otp").pk, "year": 20})
    assert silly.status_code == 200
    assert colleague.qualification_records.count() == 1


def test_phase_and_year_groups_taught_are_saved_from_the_profile_and_shown(staff):
    me = staff.person
    y2, y5 = YearGroup.objects.get(code="Y2"), YearGroup.objects.get(code="Y5")
    response = staff.post(
        f"/people/{me.pk}/edit/",
        {
            "first_name": me.first_name,
            "last_name": me.last_name,
            "job_title": "Class teacher",
            "contact_visibility": "alliance",
            "phase_taught": "primary",
            "year_groups": [y2.pk, y5.pk],
        },
    )
    assert response.status_code == 302
    html = staff.get(me.get_absolute_url()).content.decode()
    assert "Year 2, Year 5" in html
    assert "Primary" in html


def test_the_directory_filters_by_qualification_year_group_and_organisation(staff, school, npqh):
    head_with = PersonFactory(school=school, first_name="Nia", last_name="Npqh")
    PersonQualification.objects.create(person=head_with, qualification=npqh, year=2018)
    teacher = PersonFactory(school=school, first_name="Tom", last_name="Twoteach")
    teacher.year_groups.add(YearGroup.objects.get(code="Y2"))
    board = PartnerOrganisation.objects.create(name="Testshire Safeguarding Board")
    member = PersonFactory(school=school, first_name="Bo", last_name="Boardmember")
    RoleAssignmentFactory(
        person=member,
        role_type=RoleType.objects.get(slug="designated-safeguarding-lead"),
        organisation=board,
    )

    def found(**query):
        return [p.pk for p in staff.get("/people/", query).context["rows"]]

    assert found(qualification="npqh") == [head_with.pk]
    assert found(year_group="Y2") == [teacher.pk]
    assert found(organisation="safeguarding board") == [member.pk]


@pytest.mark.parametrize("rows", [1, 20])
def test_the_new_filters_cost_the_same_queries_for_1_or_20_people(
    staff, npqh, rows, django_assert_max_num_queries
):
    y5 = YearGroup.objects.get(code="Y5")
    for _ in range(rows):
        person = PersonFactory(school=SchoolFactory())
        PersonQualification.objects.create(person=person, qualification=npqh)
        person.year_groups.add(y5)
    staff.get("/people/")  # the menus into the cache
    with django_assert_max_num_queries(6):
        response = staff.get("/people/", {"qualification": "npqh", "year_group": "Y5"})
    assert len(response.context["rows"]) == rows


def test_search_finds_a_person_by_qualification(staff, colleague, npqh):
    PersonQualification.objects.create(person=colleague, qualification=npqh, year=2020)
    reindex_all()
    html = staff.get("/search/", {"q": "NPQH"}).content.decode()
    assert "Quinn Qualified" in html
    # Kept up to date as qualifications change, without a full re-index.
    other = PersonFactory(first_name="Otto", last_name="Otp")
    PersonQualification.objects.create(
        person=other, qualification=Qualification.objects.get(slug="otp")
    )
    assert "Otto Otp" in staff.get("/search/", {"q": "OTP"}).content.decode()


def test_a_role_held_at_an_outside_organisation_shows_where(staff, colleague):
    board = PartnerOrganisation.objects.create(name="DfE SEND reference group")
    RoleAssignmentFactory(person=colleague, organisation=board)
    html = staff.get(colleague.get_absolute_url()).content.decode()
    assert f'at <a href="{board.get_absolute_url()}">DfE SEND reference group</a>' in html


def test_a_role_names_one_place_it_is_held(head, colleague, school):
    board = PartnerOrganisation.objects.create(name="LA board")
    response = head.post(
        f"/people/{colleague.pk}/roles/add/",
        {
            "role_type": RoleType.objects.get(slug="senco").pk,
            "school": school.pk,
            "organisation": board.pk,
            "starts_on": "2024-09-01",
        },
    )
    assert response.status_code == 200
    assert "Choose one place the role is held" in response.content.decode()
    assert not colleague.role_assignments.exists()
