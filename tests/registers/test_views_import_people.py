"""Importing a school's staff and their roles from CSV: preview, all-or-nothing, idempotent."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from people.models import ContactVisibility, Person, RoleAssignment
from tests.factories import PersonFactory, RoleTypeFactory, SpecialismFactory
from tests.registers.imports import assert_rows_refused, imported, upload

pytestmark = pytest.mark.django_db
HEADER = "first_name,last_name,preferred_name,job_title,email,telephone,contact_visibility,role,specialism,role_starts_on,role_ends_on\n"  # noqa: E501
GOOD = (
    HEADER
    + "Ada,Lovelace,,Maths lead,ada.lovelace@example.org,020 7946 0101,school,SLE,Maths,01/09/2024,\n"  # noqa: E501
    + "Ada,Lovelace,,Maths lead,ada.lovelace@example.org,020 7946 0101,school,SENCo,,,\n"
    + "Zoë,Brontë,Zo,Year 2 teacher,zoe.bronte@example.org,,,,,,\n"
)


@pytest.fixture(autouse=True)
def vocabularies(db):
    RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    RoleTypeFactory(name="SENCo", abbreviation="SENCo")
    SpecialismFactory(name="Maths")


def url(school) -> str:
    return f"/registers/schools/{school.slug}/people/import/"


def test_head_previews_then_imports_their_staff(head, school):
    preview = head.post(url(school), upload(GOOD))
    html = preview.content.decode()
    assert "Preview: nothing has been written yet" in html
    assert "All 3 rows checked: 3 to create, 0 to update, 0 unchanged." in html
    assert "Zoë Brontë &lt;zoe.bronte@example.org&gt;" in html
    assert not Person.objects.filter(email="ada.lovelace@example.org").exists()

    response = head.post(url(school), {"content": preview.context["confirm"].initial["content"]})
    assert response.status_code == 302
    ada = Person.objects.get(email="ada.lovelace@example.org")
    assert ada.school == school and ada.contact_visibility == ContactVisibility.SCHOOL
    roles = {str(r) for r in RoleAssignment.objects.filter(person=ada)}
    assert roles == {"SLE (Maths)", "SENCo"}
    assert "3 row(s): 3 created" in head.get(response.url).content.decode()


def test_reimporting_the_same_file_changes_nothing(head, school):
    imported(head, url(school), GOOD)
    before = list(Person.objects.order_by("pk").values()), RoleAssignment.objects.count()
    preview = head.post(url(school), upload(GOOD))
    assert preview.context["plan"].count("unchanged") == 3
    imported(head, url(school), GOOD)
    after = list(Person.objects.order_by("pk").values()), RoleAssignment.objects.count()
    assert before == after


def test_a_changed_row_is_previewed_as_an_update(head, school):
    imported(head, url(school), GOOD)
    changed = GOOD.replace("Year 2 teacher", "Year 3 teacher")
    preview = head.post(url(school), upload(changed))
    assert "job_title: Year 2 teacher → Year 3 teacher" in preview.content.decode()
    head.post(url(school), {"content": preview.context["confirm"].initial["content"]})
    assert Person.objects.get(email="zoe.bronte@example.org").job_title == "Year 3 teacher"


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(head, school, other_school):
    PersonFactory(school=other_school, email="taken@example.org")
    bad_rows = [
        (
            "Bad,Email,,,not-an-email,,,,,,",
            "email: Enter an e-mail address in the right form, e.g. name@example.org.",
        ),
        (
            'Eve,Formula,,=HYPERLINK("http://evil.example"),eve@example.org,,,,,,',
            "job_title starts with &#x27;=&#x27;: formulas are not accepted.",
        ),
        (
            "Unknown,Role,,,unknown.role@example.org,,,Wizard,,,",
            "&#x27;Wizard&#x27; is not a role the alliance uses",
        ),
        (
            "Other,School,,,taken@example.org,,,,,,",
            "taken@example.org belongs to someone at another school.",
        ),
        (
            "Dates,Backwards,,,dates@example.org,,,SLE,,01/09/2024,01/09/2023",
            "role_ends_on is before role_starts_on.",
        ),
    ]
    assert_rows_refused(head, url(school), GOOD, bad_rows)
    assert not Person.objects.filter(email="ada.lovelace@example.org").exists()


def test_confirming_content_that_has_become_invalid_writes_nothing(head, school):
    response = head.post(url(school), {"content": HEADER + "Only,First,,,,,,,,,\n"})
    assert response.status_code == 400
    assert "email: Enter email." in response.content.decode()
    assert Person.objects.filter(school=school).count() == 1  # just the head


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: choose another."),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "This is a PDF document"),
        (b"first_name,last_name\nAda,Lovelace\n", "The column(s) email are missing"),
        (HEADER.encode(), "The file has its header but no rows."),
        (b"\x81\x8d\x8f\x90\x9d", "not text in UTF-8 or Windows-1252"),
    ],
)
def test_bad_files_are_refused_with_a_reason(head, school, content, message):
    response = head.post(url(school), {"file": SimpleUploadedFile("staff.csv", content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Person.objects.filter(school=school).count() == 1


def test_windows_1252_file_is_read(head, school):
    preview = head.post(url(school), upload(GOOD, encoding="cp1252"))
    assert preview.status_code == 200
    assert "Zoë Brontë" in preview.content.decode()


def test_too_large_a_file_is_refused(head, school, settings):
    settings.REGISTERS_MAX_CSV_UPLOAD_BYTES = 100
    response = head.post(url(school), upload(GOOD))
    assert response.status_code == 400 and "largest file accepted here" in response.content.decode()


def test_template_has_every_column(head, school):
    response = head.get(f"/registers/schools/{school.slug}/people/template.csv")
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == HEADER.strip().split(",")
    assert rows[1][4].endswith("@example.org")


def test_wrong_method(head, school):
    assert head.put(url(school)).status_code == 405


def test_anonymous_is_sent_to_sign_in(anonymous, school):
    response = anonymous.post(url(school), upload(GOOD))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Person.objects.filter(email="ada.lovelace@example.org").exists()


@pytest.mark.parametrize("persona", ["outsider", "staff", "editor"])
def test_only_the_head_and_admins_may_import(request, school, persona):
    client = request.getfixturevalue(persona)
    assert client.post(url(school), upload(GOOD)).status_code == 403
    assert client.post(url(school), {"content": GOOD}).status_code == 403
    assert client.get(f"/registers/schools/{school.slug}/people/template.csv").status_code == 403
    assert not Person.objects.filter(email="ada.lovelace@example.org").exists()


def test_admin_may_import_for_any_school(admin, school):
    imported(admin, url(school), GOOD)
    assert Person.objects.filter(school=school, email="zoe.bronte@example.org").exists()


def test_unknown_school_is_404(admin):
    assert admin.get("/registers/schools/no-such-school/people/import/").status_code == 404


def test_an_update_applies_the_files_contact_visibility(head, school):
    imported(head, url(school), GOOD)
    hidden = GOOD.replace(",school,SLE,", ",admins,SLE,").replace(
        ",school,SENCo,", ",admins,SENCo,"
    )
    preview = head.post(url(school), upload(hidden))
    assert "contact_visibility: school → admins" in preview.content.decode()
    head.post(url(school), {"content": preview.context["confirm"].initial["content"]})
    ada = Person.objects.get(email="ada.lovelace@example.org")
    assert ada.contact_visibility == ContactVisibility.ADMINS


def test_a_blank_contact_visibility_keeps_the_persons_own_choice(head, school):
    PersonFactory(
        school=school,
        first_name="Zoë",
        last_name="Brontë",
        preferred_name="Zo",
        job_title="Year 2 teacher",
        email="zoe.bronte@example.org",
        telephone="",
        contact_visibility=ContactVisibility.ADMINS,
    )
    imported(head, url(school), GOOD)
    zoe = Person.objects.get(email="zoe.bronte@example.org")
    assert zoe.contact_visibility == ContactVisibility.ADMINS
