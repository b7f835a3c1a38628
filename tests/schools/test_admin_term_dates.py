"""Loading a year's term dates from a CSV file in Django admin: all of it or nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from schools.models import TermPeriod, TermPeriodKind
from tests.factories import SchoolFactory

URL = "/admin/schools/termperiod/import/"
GOOD = (
    "kind,name,first_day,last_day\n"
    "term,Autumn 1,2027-09-01,2027-10-22\n"
    "holiday,October half term,2027-10-25,2027-10-29\n"
    "inset,,02/09/2027,02/09/2027\n"
)


def upload(client, text: str, **fields):
    file = SimpleUploadedFile("terms.csv", text.encode(), content_type="text/csv")
    return client.post(URL, {"urn": "", "local_authority": "", **fields, "file": file})


def test_admin_loads_the_alliances_dates(admin):
    assert admin.get(URL).status_code == 200
    response = upload(admin, GOOD)
    assert response.status_code == 302
    rows = list(TermPeriod.objects.values_list("kind", "first_day", "school", "local_authority"))
    assert rows == [
        (TermPeriodKind.TERM, datetime.date(2027, 9, 1), None, ""),
        (TermPeriodKind.INSET, datetime.date(2027, 9, 2), None, ""),
        (TermPeriodKind.HOLIDAY, datetime.date(2027, 10, 25), None, ""),
    ]


def test_loading_again_replaces_the_owners_year_and_leaves_other_owners(admin):
    school = SchoolFactory(urn="990123")
    upload(admin, GOOD)
    upload(admin, GOOD, urn="990123")
    upload(admin, "kind,name,first_day,last_day\nterm,Autumn 1,2027-09-02,2027-10-22\n")
    assert TermPeriod.objects.filter(school=None).count() == 1
    assert TermPeriod.objects.filter(school=school).count() == 3


def test_a_bad_line_refuses_the_file_with_its_line_and_reason(admin):
    text = GOOD + "holiday,Christmas,2027-12-20,not a date\nsemester,,2028-01-04,2028-01-05\n"
    response = upload(admin, text)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Line 5: &#x27;not a date&#x27; is not a date like 2026-09-02." in body
    assert "Line 6: &#x27;semester&#x27; is not term, holiday or inset." in body
    assert "Nothing was loaded." in body
    assert not TermPeriod.objects.exists()


@pytest.mark.parametrize(
    "text, reason",
    [
        ("name,kind\n", "The first line must be the header kind,name,first_day,last_day."),
        ("kind,name,first_day,last_day\n", "The file has no dates."),
        ("kind,name,first_day,last_day\nterm,,2027-10-01,2027-09-01\n", "before the first"),
        ("kind,name,first_day,last_day\nterm,,2027-08-01,2027-09-10\n", "next"),
    ],
)
def test_files_that_are_not_term_dates_are_refused(admin, text, reason):
    response = upload(admin, text)
    assert response.status_code == 400
    assert reason in response.content.decode().replace("&#x27;", "'")
    assert not TermPeriod.objects.exists()


def test_owner_is_a_school_or_a_local_authority_not_both(admin):
    SchoolFactory(urn="990124")
    response = upload(admin, GOOD, urn="990124", local_authority="Eastshire")
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    response = upload(admin, GOOD, urn="999999")
    assert "No school has the URN" in response.content.decode()
    assert not TermPeriod.objects.exists()


def test_a_local_authoritys_dates(admin):
    upload(admin, GOOD, local_authority="Eastshire")
    assert set(TermPeriod.objects.values_list("local_authority", flat=True)) == {"Eastshire"}


@pytest.mark.parametrize("persona", ["staff", "head", "coordinator"])
def test_only_admins_load_term_dates(persona, request):
    client = request.getfixturevalue(persona)
    response = upload(client, GOOD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not TermPeriod.objects.exists()
