"""A damaged register file changes nothing, and the refusal names each bad line.

Every damaged file is built at run time from the clean sample extract (9 schools, lines 2-10;
Elmridge School, 990104, closed, is line 6; Westmere Primary, the last row, line 10).
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from registers.files import CsvFileError
from registers.importer import import_register
from registers.structure import FileRefused
from schools.models import School
from tests.registers.damaged import as_csv, cut_inside, dump, line_start, rows_of, with_cell
from tests.registers.imports import run_import_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(sample_text):
    """The clean file imported once: the facts a damaged file must not touch."""
    import_register(text=sample_text(), dry_run=False)
    return dump()


def refused(text: str) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        import_register(text=io.StringIO(text, newline=""), dry_run=False)
    return caught.value


def lines_of(error: FileRefused) -> list[int]:
    return [problem.line for problem in error.problems]


@pytest.mark.parametrize("quote_all", [False, True], ids=["minimal quotes", "every cell quoted"])
def test_a_file_cut_inside_the_last_rows_street_changes_nothing(imported, sample_bytes, quote_all):
    text = as_csv(rows_of(sample_bytes), quote_all=quote_all)
    error = refused(cut_inside(text, 10, "Mere Lane"))
    assert lines_of(error) == ([10] if quote_all else [10, 10])
    assert "line 10:" in str(error) and "cut short" in str(error)
    assert dump() == imported
    assert School.objects.get(urn="990200").address_line1 == "Mere Lane"


def test_a_file_cut_mid_row_5_changes_nothing(imported, sample_bytes):
    text = as_csv(rows_of(sample_bytes))
    start = line_start(text, 5)
    cut = text[: text.index("Ridge Way", start)]  # row 5 ends just before its Street cell
    error = refused(cut)
    assert set(lines_of(error)) == {5}
    assert "fields where the header has 138" in str(error)
    assert dump() == imported


def test_a_file_cut_in_the_last_cell_without_its_line_break_is_refused(imported, sample_bytes):
    text = as_csv(rows_of(sample_bytes)).rstrip("\r\n")
    error = refused(text)
    assert lines_of(error) == [10]
    assert "no line break after it" in str(error)
    assert dump() == imported


def test_a_file_cut_at_a_row_boundary_imports_its_complete_rows_and_blanks_nothing(
    imported, sample_bytes
):
    text = as_csv(rows_of(sample_bytes))
    report = import_register(text=io.StringIO(text[: line_start(text, 7)]), dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert report.blanking == []
    assert dump() == imported


def test_an_open_quote_in_the_middle_of_the_file_names_its_line(imported, sample_bytes):
    rows = rows_of(sample_bytes)
    text = as_csv(rows).replace(",Castle Mead,", ',"Castle Mead,', 1)
    error = refused(text)
    assert lines_of(error) == [4]
    assert "never closed" in str(error)
    assert dump() == imported


def test_a_duplicated_urn_refuses_the_file(imported, sample_bytes):
    rows = rows_of(sample_bytes)
    error = refused(as_csv([*rows, rows[1]]))
    assert [str(problem) for problem in error.problems] == [
        "line 11: URN 990001 is also on line 2."
    ]
    assert dump() == imported


def test_a_missing_urn_refuses_the_file_and_the_other_rows_are_not_written(db, sample_bytes):
    before = dump()
    error = refused(as_csv(with_cell(rows_of(sample_bytes), 4, "URN", "")))
    assert [str(problem) for problem in error.problems] == ["line 4: the URN is empty."]
    assert dump() == before
    assert not School.objects.exists()


def test_every_bad_line_is_named_at_once(db, sample_bytes):
    rows = with_cell(rows_of(sample_bytes), 3, "TelephoneNum", "not a number")
    rows = with_cell(rows, 8, "StatutoryLowAge", "eleven")
    error = refused(as_csv(rows))
    assert lines_of(error) == [3, 8]
    assert "TelephoneNum 'not a number' is not a telephone number" in str(error)
    assert not School.objects.exists()


def test_a_file_without_the_urn_column_is_refused(db, sample_bytes):
    rows = [row[1:] for row in rows_of(sample_bytes)]
    with pytest.raises(CsvFileError, match="URN are missing"):
        import_register(text=io.StringIO(as_csv(rows)), dry_run=False)
    assert not School.objects.exists()


def test_columns_in_another_order_import_the_same_facts(imported, sample_bytes):
    reordered = [list(reversed(row)) for row in rows_of(sample_bytes)]
    report = import_register(text=io.StringIO(as_csv(reordered)), dry_run=False)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 9)
    assert dump() == imported


def test_a_file_without_some_columns_leaves_their_facts_alone(imported, sample_bytes):
    rows = rows_of(sample_bytes)
    dropped = {rows[0].index(name) for name in ("Street", "Easting", "Northing")}
    rows = [[cell for i, cell in enumerate(row) if i not in dropped] for row in rows]
    import_register(text=io.StringIO(as_csv(rows)), dry_run=False)
    school = School.objects.get(urn="990200")
    assert school.address_line1 == "Mere Lane" and school.latitude is not None


def test_a_complete_row_that_empties_a_fact_is_imported_and_reported_field_by_field(
    imported, sample_bytes
):
    rows = with_cell(rows_of(sample_bytes), 6, "Street", "")
    report = import_register(text=io.StringIO(as_csv(rows)), dry_run=False)
    assert [(row.line, row.blanked) for row in report.blanking] == [
        (6, [("address_line1", "Ridge Way")])
    ]
    assert School.objects.get(urn="990104").address_line1 == ""


# The command and the admin page --------------------------------------------------------------


def run_command(tmp_path, content: bytes) -> str:
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_gias", str(path), "--no-progress", stdout=out)
    return out.getvalue()


def test_command_fails_on_a_row_error_and_lists_it(tmp_path, imported, sample_bytes):
    rows = with_cell(rows_of(sample_bytes), 4, "URN", "99000X")
    with pytest.raises(CommandError, match=r"nothing was imported.*\n  line 4: URN '99000X'"):
        run_command(tmp_path, as_csv(rows).encode("cp1252"))
    assert dump() == imported


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16")],
    ids=["with BOM", "without BOM (LE)", "without BOM (BE)"],
)
def test_command_refuses_utf16(tmp_path, imported, sample_bytes, encoding, message):
    with pytest.raises(CommandError, match=message):
        run_command(tmp_path, sample_bytes.decode("cp1252").encode(encoding))
    assert dump() == imported


def test_command_names_the_line_of_a_byte_windows_1252_does_not_define(
    tmp_path, imported, sample_bytes
):
    at = sample_bytes.index(b"Fernhill Close")  # line 9
    damaged = sample_bytes[:at] + b"\x81" + sample_bytes[at + 1 :]
    with pytest.raises(CommandError, match=r"Line 9 .*0x81"):
        run_command(tmp_path, damaged)
    assert dump() == imported


ADMIN_URL = "/admin/registers/registerrecord/import/"


def upload(content: bytes) -> dict:
    return {"file": SimpleUploadedFile("edubasealldata.csv", content, content_type="text/csv")}


def test_admin_preview_refuses_a_cut_file_with_the_same_lines(admin, imported, sample_bytes):
    text = as_csv(rows_of(sample_bytes))
    response = admin.post(ADMIN_URL, upload(cut_inside(text, 10, "Mere Lane").encode("cp1252")))
    run_import_jobs()
    html = admin.get(response.url).content.decode()
    assert "The file was refused: nothing was imported" in html
    assert "<td>10</td>" in html and "cut short" in html
    assert "Import this file" not in html
    assert dump() == imported


def test_admin_preview_says_field_by_field_which_facts_a_file_empties(
    admin, imported, sample_bytes
):
    rows = with_cell(rows_of(sample_bytes), 6, "Street", "")
    rows = with_cell(rows, 6, "Postcode", "")
    response = admin.post(ADMIN_URL, upload(as_csv(rows).encode("cp1252")))
    run_import_jobs()
    html = admin.get(response.url).content.decode()
    assert "This file empties facts the portal holds" in html
    assert "<td>address_line1</td><td>Ridge Way</td>" in html
    assert "<td>postcode</td><td>EB3 5GH</td>" in html
    assert dump() == imported  # a preview only
