"""The shared CSV helper: Excel-friendly encoding and no formula injection."""

import pytest

from alliance.lib.csv import csv_lines, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Abbey Primary", "Abbey Primary"),
        ("a=b", "a=b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe_cell_neutralises_formulas_only(value, expected):
    assert safe_cell(value) == expected


def test_csv_starts_with_a_bom_and_neutralises_every_cell():
    text = "".join(csv_lines(["Name", "=Header"], [["=1+1", "plain"], [None, 3]]))
    assert text.startswith("\ufeffName,'=Header\r\n")
    assert "'=1+1,plain\r\n" in text
    assert text.endswith(",3\r\n")
