"""Reading the public register's establishment extract (GIAS `edubasealldataYYYYMMDD.csv`).

Everything the portal knows about the register's format is data in this module: the header
(`GIAS_HEADER`), which column feeds which School field (`FIELD_COLUMNS`), and the
name-to-choice tables. Columns are found by header name, so a release that drops or adds
columns still imports; only `REQUIRED_COLUMNS` must be present.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from pyproj import Transformer

from registers.files import looks_like_formula
from schools.facts import fact_text
from schools.models import EstablishmentType, OfstedGrade, Phase, Status

# The establishment extract's columns in the order the register publishes them (2024-25
# releases, as far as we know them). Used for the shipped sample and for documentation; the
# importer itself reads whatever columns a file has, by name.
GIAS_HEADER: list[str] = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (code)", "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)", "EstablishmentStatus (code)", "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
    "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate",
    "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
    "Boarders (code)", "Boarders (name)", "NurseryProvision (name)", "OfficialSixthForm (code)",
    "OfficialSixthForm (name)", "Gender (code)", "Gender (name)", "ReligiousCharacter (code)",
    "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)", "Diocese (name)",
    "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
    "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils",
    "NumberOfBoys", "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)", "Trusts (code)", "Trusts (name)", "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)", "FederationFlag (name)", "Federations (code)", "Federations (name)",
    "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)", "OfstedLastInsp",
    "LastChangedDate", "Street", "Locality", "Address3", "Town", "County (name)", "Postcode",
    "SchoolWebsite", "TelephoneNum", "HeadTitle (name)", "HeadFirstName", "HeadLastName",
    "HeadPreferredJobTitle", "BSOInspectorateName (name)", "InspectorateReport",
    "DateOfLastInspectionVisit", "NextInspectionVisit", "TeenMoth (name)", "TeenMothPlaces",
    "CCF (name)", "SENPRU (name)", "EBD (name)", "PlacesPRU", "FTProv (name)",
    "EdByOther (name)", "Section41Approved (name)", "SEN1 (name)", "SEN2 (name)", "SEN3 (name)",
    "SEN4 (name)", "SEN5 (name)", "SEN6 (name)", "SEN7 (name)", "SEN8 (name)", "SEN9 (name)",
    "SEN10 (name)", "SEN11 (name)", "SEN12 (name)", "SEN13 (name)",
    "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll", "ResourcedProvisionCapacity",
    "SenUnitOnRoll", "SenUnitCapacity", "GOR (code)", "GOR (name)",
    "DistrictAdministrative (code)", "DistrictAdministrative (name)", "AdministrativeWard (code)",
    "AdministrativeWard (name)", "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)", "UrbanRural (code)", "UrbanRural (name)",
    "GSSLACode (name)", "Easting", "Northing", "MSOA (name)", "LSOA (name)",
    "InspectorateName (name)", "SENStat", "SENNoStat", "BoardingEstablishment (name)",
    "PropsName", "PreviousLA (code)", "PreviousLA (name)", "PreviousEstablishmentNumber",
    "OfstedRating (name)", "RSCRegion (name)", "Country (name)", "UPRN", "SiteName",
    "QABName (code)", "QABName (name)", "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)", "QABReport", "CHNumber", "MSOA (code)", "LSOA (code)",
    "FSM", "AccreditationExpiryDate",
]  # fmt: skip

REQUIRED_COLUMNS = ("URN", "EstablishmentName")
HEAD_COLUMNS = ("HeadTitle (name)", "HeadFirstName", "HeadLastName")

# The columns whose raw text is kept on RegisterRecord.raw (the rest are read and dropped).
KEPT_COLUMNS = (
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (name)", "EstablishmentStatus (name)", "OpenDate", "CloseDate",
    "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge", "SchoolCapacity",
    "NumberOfPupils", "PercentageFSM", "FSM", "ReligiousCharacter (name)", "Trusts (name)",
    "Federations (name)", "OfstedLastInsp", "OfstedRating (name)", "Street", "Locality",
    "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum",
    "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadPreferredJobTitle", "Easting",
    "Northing", "DistrictAdministrative (name)", "LastChangedDate",
)  # fmt: skip

NO_VALUE = {"", "not applicable", "not recorded", "unknown", "n/a"}

PHASES = {label.lower(): value for value, label in Phase.choices}
STATUSES = {label.lower(): value for value, label in Status.choices}
ESTABLISHMENT_TYPES = {label.lower(): value for value, label in EstablishmentType.choices} | {
    # The register's spellings where they differ from our labels.
    "local authority nursery school": EstablishmentType.LA_NURSERY,
    "academy 16-19 sponsor led": EstablishmentType.ACADEMY_16_19_SPONSOR_LED,
    "academy 16 to 19 converter": EstablishmentType.ACADEMY_16_19_CONVERTER,
    "free schools - 16-19": EstablishmentType.FREE_SCHOOL_16_19,
    "free schools - alternative provision": EstablishmentType.FREE_SCHOOL_AP,
    "free schools special": EstablishmentType.FREE_SCHOOL_SPECIAL,
    "studio school": EstablishmentType.STUDIO_SCHOOL,
    "city technology college": EstablishmentType.CITY_TECHNOLOGY_COLLEGE,
    "further education": EstablishmentType.FURTHER_EDUCATION,
}
OFSTED_GRADES = {label.lower(): value for value, label in OfstedGrade.choices[:4]}

# School fields the register feeds, in the order the "which is which" partial lists them.
REGISTER_FIELDS = (
    "name", "laestab", "phase", "establishment_type", "status", "closed_on", "head_name",
    "address_line1",
    "address_line2", "address_line3", "town", "local_authority", "postcode", "telephone",
    "website", "statutory_low_age", "statutory_high_age", "capacity", "pupils_on_roll",
    "fsm_percent", "ofsted_grade", "ofsted_outcome", "ofsted_inspection_date", "latitude",
    "longitude",
)  # fmt: skip

_to_latlong = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
_url = URLValidator()
_URN = re.compile(r"^\d{6}$")
_UK_TEN_DIGITS = re.compile(r"^0[1-9]\d{9}$")  # 0 and a 10-digit national number


class RowError(ValueError):
    """A cell the register should not contain; the row is rejected with this reason."""


def no_value(text: str) -> bool:
    return text.strip().lower() in NO_VALUE


def _text(max_length: int) -> Callable[[str, str], str]:
    def convert(text: str, column: str) -> str:
        if no_value(text):
            return ""
        if len(text) > max_length:
            raise RowError(f"{column} is longer than {max_length} characters.")
        return text

    return convert


def _choice(table: dict[str, str], *, default: str | None = None, blank_ok: bool = True):
    def convert(text: str, column: str) -> str:
        value = table.get(text.lower())
        if value is not None:
            return value
        if no_value(text) and blank_ok:
            return ""
        if default is not None:
            return default
        raise RowError(f"{column} {text!r} is not a value the portal knows.")

    return convert


def _integer(text: str, column: str) -> int | None:
    if no_value(text):
        return None
    try:
        value = int(text)
    except ValueError:
        raise RowError(f"{column} {text!r} is not a whole number.") from None
    if value < 0:
        raise RowError(f"{column} {text!r} is negative.")
    return value


def _percent(text: str, column: str) -> Decimal | None:
    if no_value(text):
        return None
    try:
        value = Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise RowError(f"{column} {text!r} is not a number.") from None
    if not 0 <= value <= 100:
        raise RowError(f"{column} {text!r} is not between 0 and 100.")
    return value


@functools.lru_cache(maxsize=8192)
def _date_of(text: str) -> datetime.date | None:
    # A national file repeats its dates (inspections, changes) thousands of times: parse once.
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_date(text: str, column: str = "date") -> datetime.date | None:
    """The register writes dates as dd-mm-yyyy (some tools re-save them as dd/mm/yyyy)."""
    if no_value(text):
        return None
    date = _date_of(text)
    if date is None:
        raise RowError(f"{column} {text!r} is not a date (dd-mm-yyyy).")
    return date


def _telephone(text: str, column: str) -> str:
    if no_value(text):
        return ""
    digits = re.sub(r"[^\d+]", "", text)
    if digits and digits[0] not in "0+":
        digits = "0" + digits  # The register sometimes loses the leading zero.
    if _UK_TEN_DIGITS.match(digits):
        # What phonenumbers makes of every such number (0.1 ms each, most of a re-import).
        return "+44" + digits[1:]
    try:
        number = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        raise RowError(f"{column} {text!r} is not a telephone number.") from None
    if not phonenumbers.is_possible_number(number):
        raise RowError(f"{column} {text!r} is not a telephone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _website(text: str, column: str) -> str:
    if no_value(text):
        return ""
    url = text if re.match(r"^https?://", text, re.IGNORECASE) else f"http://{text}"
    try:
        _url(url)
    except ValidationError:
        raise RowError(f"{column} {text!r} is not a web address.") from None
    if len(url) > 200:
        raise RowError(f"{column} is longer than 200 characters.")
    return url


# School field -> (register column, converter). Order matters only for messages.
FIELD_COLUMNS: dict[str, tuple[str, Callable]] = {
    "name": ("EstablishmentName", _text(200)),
    "phase": ("PhaseOfEducation (name)", _choice(PHASES, default=Phase.NOT_APPLICABLE)),
    "establishment_type": (
        "TypeOfEstablishment (name)",
        _choice(ESTABLISHMENT_TYPES, default=EstablishmentType.OTHER),
    ),
    "status": ("EstablishmentStatus (name)", _choice(STATUSES, default=Status.OPEN)),
    "closed_on": ("CloseDate", parse_date),
    "address_line1": ("Street", _text(200)),
    "address_line2": ("Locality", _text(200)),
    "address_line3": ("Address3", _text(200)),
    "town": ("Town", _text(100)),
    "local_authority": ("LA (name)", _text(100)),
    "postcode": ("Postcode", _text(8)),
    "telephone": ("TelephoneNum", _telephone),
    "website": ("SchoolWebsite", _website),
    "statutory_low_age": ("StatutoryLowAge", _integer),
    "statutory_high_age": ("StatutoryHighAge", _integer),
    "capacity": ("SchoolCapacity", _integer),
    "pupils_on_roll": ("NumberOfPupils", _integer),
    "fsm_percent": ("PercentageFSM", _percent),
    "ofsted_grade": ("OfstedRating (name)", _choice(OFSTED_GRADES, default="")),
    "ofsted_outcome": ("OfstedRating (name)", _text(300)),
    "ofsted_inspection_date": ("OfstedLastInsp", parse_date),
}


@dataclass
class RegisterRow:
    """One establishment as the register describes it, converted to School field values."""

    line: int
    urn: str
    la_code: str
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    easting: int | None = None
    northing: int | None = None
    last_changed: datetime.date | None = None
    # Whether the file has Easting and Northing: without them the coordinates are left alone.
    on_grid: bool = True


class HeaderError(ValueError):
    pass


def column_index(header: list[str]) -> dict[str, int]:
    """Column name -> position; refuses a header without the required columns."""
    index = {name.strip().lstrip("\ufeff"): i for i, name in enumerate(header)}
    missing = [name for name in REQUIRED_COLUMNS if name not in index]
    if missing:
        raise HeaderError(
            "This is not the register's establishment file: the column(s) "
            f"{', '.join(missing)} are missing."
        )
    return index


def parse_row(cells: list[str], index: dict[str, int], line: int) -> RegisterRow:
    """Convert one line of the extract, or raise RowError with the reason."""

    width = len(cells)
    # Every column the portal reads is kept, so each cell is stripped once, here.
    raw = {
        column: cells[position].strip() if position < width else ""
        for column in KEPT_COLUMNS
        if (position := index.get(column)) is not None
    }

    def cell(column: str) -> str:
        return raw.get(column, "")

    urn = cell("URN")
    if not urn:
        raise RowError("the URN is empty.")
    if not _URN.match(urn):
        raise RowError(f"URN {urn!r} is not a 6-digit number.")
    for column, text in raw.items():
        if looks_like_formula(text):
            raise RowError(f"{column} starts with {text[0]!r}: formulas are not accepted.")
    row = RegisterRow(line=line, urn=urn, la_code=cell("LA (code)"), raw=raw)
    for name, (column, convert) in FIELD_COLUMNS.items():
        if column in index:
            row.values[name] = convert(cell(column), column)
    if not row.values.get("name"):
        raise RowError("EstablishmentName is empty.")
    low, high = row.values.get("statutory_low_age"), row.values.get("statutory_high_age")
    if low is not None and high is not None and low > high:
        raise RowError(f"StatutoryLowAge {low} is above StatutoryHighAge {high}.")
    head = [column for column in HEAD_COLUMNS if column in index]
    if head:
        name = " ".join(text for c in head if not no_value(text := cell(c)))
        row.values["head_name"] = _text(200)(name, "HeadFirstName")
    establishment = cell("EstablishmentNumber")
    if "EstablishmentNumber" in index:
        laestab = ""
        if row.la_code.isdigit() and establishment.isdigit():
            laestab = f"{row.la_code:0>3}{establishment:0>4}"
            if len(laestab) != 7:
                raise RowError(f"LAESTAB {laestab!r} is not 7 digits.")
        row.values["laestab"] = laestab
    row.on_grid = "Easting" in index and "Northing" in index
    row.easting = _integer(cell("Easting"), "Easting")
    row.northing = _integer(cell("Northing"), "Northing")
    row.last_changed = parse_date(cell("LastChangedDate"), "LastChangedDate")
    return row


def add_coordinates(rows: list[RegisterRow]) -> None:
    """Latitude/longitude (WGS84) from British National Grid, for a batch in one call."""
    rows = [r for r in rows if r.on_grid]
    located = [r for r in rows if r.easting and r.northing]
    for row in rows:
        row.values["latitude"] = None
        row.values["longitude"] = None
    if not located:
        return
    longs, lats = _to_latlong.transform([r.easting for r in located], [r.northing for r in located])
    six = Decimal("0.000001")
    for row, lat, long in zip(located, lats, longs, strict=True):
        row.values["latitude"] = Decimal(repr(lat)).quantize(six)
        row.values["longitude"] = Decimal(repr(long)).quantize(six)


def as_text(value: object) -> str:
    """A School field value as comparable text: '' for nothing, ISO dates, E.164 numbers."""
    return fact_text(value)
