"""The shared CSV helper: Excel-friendly UTF-8 with BOM, formulas neutralised."""

from decimal import Decimal

import pytest

from alliance.lib.csv import csv_response, safe_cell


@pytest.mark.parametrize(
    "value", ["=1+1", "+44 20", "-2+3", "-1,825", "@SUM(A1)", "\t=x", "\r=x", "\t5", "-", "+.e"]
)
def test_cells_a_spreadsheet_would_run_are_quoted(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("-1.825843"), "-1.825843"),
        ("-1.825843", "-1.825843"),
        (-3, "-3"),
        (-0.5, "-0.5"),
        ("+44", "+44"),
        ("-.5", "-.5"),
        ("-2E-3", "-2E-3"),
    ],
)
def test_numbers_are_never_quoted(value, text):
    """A longitude west of Greenwich (most of England) stays a number in the spreadsheet."""
    assert safe_cell(value) == text


@pytest.mark.parametrize(("value", "text"), [("Zoë", "Zoë"), (None, ""), (3, "3"), ("a=b", "a=b")])
def test_ordinary_cells_are_unchanged(value, text):
    assert safe_cell(value) == text


def test_csv_response_is_an_attachment_with_a_bom():
    response = csv_response(filename="people.csv", header=["Name"], rows=[["=cmd"], ["Zoë"]])
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body == "\ufeffName\r\n'=cmd\r\nZoë\r\n"
