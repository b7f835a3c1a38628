"""The shared CSV helper: Excel-friendly UTF-8 and no formula injection."""

import csv
import io

from alliance.lib.csv import csv_response, safe_cell


def test_safe_cell_neutralises_what_a_spreadsheet_would_run():
    for dangerous in ("=1+1", "+44 20", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Ada Lovelace") == "Ada Lovelace"
    assert safe_cell(None) == ""
    assert safe_cell(42) == "42"


def test_csv_response_is_utf8_with_a_bom_and_a_filename():
    response = csv_response("people.csv", ["Name", "Town"], [["Zoë", "=HYPERLINK()"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    raw = response.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["Name", "Town"], ["Zoë", "'=HYPERLINK()"]]
