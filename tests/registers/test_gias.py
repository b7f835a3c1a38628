"""Reading the register's extract: header, encodings, dates, codes and coordinates."""

import csv
import io

import phonenumbers
import pytest

from registers.files import CsvFileError, detect_encoding, open_text
from registers.gias import GIAS_HEADER, REQUIRED_COLUMNS, RowError, column_index, parse_row

HEADER = GIAS_HEADER


def row(**cells) -> list[str]:
    values = dict.fromkeys(HEADER, "")
    values.update({"URN": "990500", "EstablishmentName": "Testbridge School"})
    values.update(cells)
    return [values[name] for name in HEADER]


def parse(**cells):
    return parse_row(row(**cells), column_index(HEADER), 2)


def test_sample_has_every_register_column_in_order_and_is_windows_1252(sample_bytes):
    header = next(csv.reader(io.StringIO(sample_bytes.decode("cp1252"))))
    assert header == GIAS_HEADER
    assert len(header) >= 130
    assert detect_encoding(io.BytesIO(sample_bytes)) == "cp1252"
    with pytest.raises(UnicodeDecodeError):
        sample_bytes.decode("utf-8")  # It really differs from UTF-8: é and ’ are single bytes.


def test_utf8_with_bom_is_read_as_utf8(sample_bytes):
    utf8 = "\ufeff".encode() + sample_bytes.decode("cp1252").encode("utf-8")
    text, encoding = open_text(io.BytesIO(utf8))
    assert encoding == "utf-8-sig"
    assert next(csv.reader(text))[0] == "URN"  # The BOM is not part of the first column.


def test_dates_are_day_first_and_not_applicable_means_nothing():
    parsed = parse(OfstedLastInsp="03-04-2023", PercentageFSM="Not applicable", Town="")
    assert parsed.values["ofsted_inspection_date"].isoformat() == "2023-04-03"
    assert parsed.values["fsm_percent"] is None
    assert parsed.values["town"] == ""


def test_laestab_keeps_leading_zeros():
    parsed = parse(**{"LA (code)": "201", "EstablishmentNumber": "0123"})
    assert parsed.values["laestab"] == "2010123"
    assert parse(**{"LA (code)": "021", "EstablishmentNumber": "3614"}).values["laestab"] == (
        "0213614"
    )


def test_names_map_to_choices_as_data():
    parsed = parse(
        **{
            "PhaseOfEducation (name)": "Middle deemed secondary",
            "TypeOfEstablishment (name)": "Local authority nursery school",
            "EstablishmentStatus (name)": "Open, but proposed to close",
            "OfstedRating (name)": "Good",
        }
    )
    assert parsed.values["phase"] == "middle_secondary"
    assert parsed.values["establishment_type"] == "la_nursery"
    assert parsed.values["status"] == "open_proposed_to_close"
    assert parsed.values["ofsted_grade"] == "good"
    assert parsed.values["ofsted_outcome"] == "Good"


def test_telephone_without_leading_zero_and_website_without_scheme():
    parsed = parse(TelephoneNum="2079460123", SchoolWebsite="www.testbridge.example.org")
    assert parsed.values["telephone"] == "+442079460123"
    assert parsed.values["website"] == "http://www.testbridge.example.org"


@pytest.mark.parametrize(
    "text",
    ["0161 496 0000", "(01632) 960 001", "1632960001", "020 7946 0123", "07700 900123",
     "0800 123 4567", "01632 96000", "+44 161 496 0000", "00 44 161 496 0000", "0300-123-4567"],
)  # fmt: skip
def test_telephone_numbers_are_written_as_the_phonenumbers_library_writes_them(text):
    digits = "".join(c for c in text if c.isdigit() or c == "+")
    digits = digits if digits[0] in "0+" else "0" + digits
    number = phonenumbers.parse(digits, "GB")
    expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert parse(TelephoneNum=text).values["telephone"] == expected


def test_a_repeated_date_reads_the_same_and_a_bad_one_is_refused_each_time():
    for _ in range(2):
        assert parse(OfstedLastInsp="14/03/2024").values["ofsted_inspection_date"].day == 14
        with pytest.raises(RowError, match="OfstedLastInsp '31-02-2024' is not a date"):
            parse(OfstedLastInsp="31-02-2024")


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"URN": "12345"}, "URN '12345' is not a 6-digit number"),
        ({"EstablishmentName": ""}, "EstablishmentName is empty"),
        ({"SchoolCapacity": "lots"}, "SchoolCapacity 'lots' is not a whole number"),
        ({"OpenDate": "", "OfstedLastInsp": "2023/31/12"}, "OfstedLastInsp"),
        ({"StatutoryLowAge": "11", "StatutoryHighAge": "4"}, "is above StatutoryHighAge"),
        ({"Street": '=HYPERLINK("http://evil.example")'}, "formulas are not accepted"),
        ({"PercentageFSM": "140"}, "not between 0 and 100"),
    ],
)
def test_bad_cells_reject_the_row_with_a_reason(cells, reason):
    with pytest.raises(RowError, match=reason.replace("(", r"\(")):
        parse(**cells)


def test_columns_are_found_by_name_and_optional_ones_may_be_missing():
    header = ["EstablishmentName", "URN", "Town"]  # Reordered; no Ofsted, FSM or Easting.
    parsed = parse_row(["Testbridge School", "990501", "Testbridge"], column_index(header), 2)
    assert parsed.values["town"] == "Testbridge"
    assert "fsm_percent" not in parsed.values
    with pytest.raises(ValueError, match="URN"):
        column_index(["EstablishmentName", "Town"])
    assert REQUIRED_COLUMNS == ("URN", "EstablishmentName")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00", "spreadsheet or zip"),
        ("URN,EstablishmentName\n".encode("utf-16"), "UTF-16"),
        (b"URN,EstablishmentName\n990001,Caf\x81\x8d\n", "not text in UTF-8 or Windows-1252"),
    ],
)
def test_files_that_are_not_csv_are_refused_with_what_they_are(content, message):
    with pytest.raises(CsvFileError, match=message):
        detect_encoding(io.BytesIO(content))
