"""CSV export of the directory as filtered: /schools/export.csv?<same filters>."""

import csv
import io

from schools.models import Phase
from tests.factories import PersonFactory, SchoolFactory


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_export_is_the_filtered_directory_as_csv(anonymous, db):
    SchoolFactory(name="Abbey Primary", urn="100001", postcode="EB1 1AA")
    SchoolFactory(name="Brook High", urn="100002", phase=Phase.SECONDARY)
    response = anonymous.get("/schools/export.csv?phase=primary&page=3")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="schools-')
    rows = rows_of(response)
    assert rows[0][:3] == ["URN", "LAESTAB", "Name"]
    assert [row[2] for row in rows[1:]] == ["Abbey Primary"]
    assert rows[1][11] == "EB1 1AA"
    assert rows[1][-1] == "http://testserver/schools/abbey-primary/"


def test_export_keeps_the_sort(anonymous, db):
    SchoolFactory(name="Small", pupils_on_roll=50)
    SchoolFactory(name="Large", pupils_on_roll=900)
    rows = rows_of(anonymous.get("/schools/export.csv?sort=-pupils"))
    assert [row[2] for row in rows[1:]] == ["Large", "Small"]


def test_export_neutralises_formulas_typed_into_a_profile(anonymous, db):
    SchoolFactory(name='=HYPERLINK("http://evil.example","Click")', slug="evil")
    rows = rows_of(anonymous.get("/schools/export.csv"))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","Click")'


def test_public_export_leaves_out_unpublished_schools_and_names(anonymous, staff, school):
    head = PersonFactory(school=school, first_name="Hannah", last_name="Head")
    school.headteacher = head
    school.save()
    SchoolFactory(name="Hidden School", is_published=False)
    public = rows_of(anonymous.get("/schools/export.csv"))
    assert [row[2] for row in public[1:]] == ["Abbeyfield Primary School"]
    assert public[1][15] == ""
    signed_in = rows_of(staff.get("/schools/export.csv"))
    assert "Hidden School" in [row[2] for row in signed_in[1:]]
    assert "Hannah Head" in [row[15] for row in signed_in[1:]]


def test_export_shows_an_old_grade_only_with_its_date(anonymous, db):
    SchoolFactory(name="Dated", ofsted_grade="good", ofsted_inspection_date="2021-03-10")
    SchoolFactory(name="Undated", ofsted_grade="good", ofsted_inspection_date=None)
    rows = {row[2]: row for row in rows_of(anonymous.get("/schools/export.csv"))[1:]}
    assert rows["Dated"][22:25] == ["2021-03-10", "", "Good"]
    assert rows["Undated"][22:25] == ["", "", ""]


def test_export_refuses_post(anonymous, db):
    assert anonymous.post("/schools/export.csv").status_code == 405


def test_export_queries_do_not_grow_with_rows(anonymous, django_assert_num_queries, db):
    """Prevents an N+1 on the headteacher of each row: the security log entry of the export,
    and the rows, streamed."""
    SchoolFactory(headteacher=PersonFactory(school=None))
    with django_assert_num_queries(2):
        assert len(rows_of(anonymous.get("/schools/export.csv"))) == 2
    for _ in range(29):
        SchoolFactory(headteacher=PersonFactory(school=None))
    with django_assert_num_queries(2):
        assert len(rows_of(anonymous.get("/schools/export.csv"))) == 31
