# ruff: noqa: E501  (a table of fictional sample rows reads best one field per line)
"""Write registers/samples/: a fictional extract in the register's exact format (Windows-1252).

Run from the project folder: `python scripts/make_gias_sample.py`. Every school, person,
telephone number (Ofcom drama range) and address here is invented; the URNs are fictitious.
"""

import csv
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

from registers.gias import GIAS_HEADER  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "registers" / "samples"

# urn, est no, name, type, status, open, close, phase, low, high, capacity, pupils, fsm,
# street, locality, town, postcode, phone, head, easting, northing, ofsted, la
SCHOOLS = [
    ("990001", "2000", "Abbey Fields Primary School", "Community school", "Open", "", "",
     "Primary", "4", "11", "420", "398", "18.4", "Abbey Fields Road", "", "Eastbridge",
     "EB1 2AB", "02079460001", ("Mrs", "Helen", "Marsh"), "452100", "301200", "Good", "999"),
    ("990002", "2001", "Beacon Hill Primary School", "Academy converter", "Open", "01-09-2014",
     "", "Primary", "4", "11", "315", "301", "24.9", "Beacon Hill", "Upper Town", "Eastbridge",
     "EB1 4CD", "02079460002", ("Mr", "Tomasz", "Nowak"), "453400", "302050", "Outstanding",
     "999"),
    ("990003", "2002", "Castle Mead Infant School", "Community school", "Open", "", "",
     "Primary", "4", "7", "180", "176", "Not applicable", "Castle Mead", "", "Eastbridge",
     "EB2 1EF", "2079460003", ("Ms", "Priya", "Chandran"), "451300", "300400",
     "Not applicable", "999"),
    ("990005", "4000", "Elmridge Academy", "Academy converter", "Open", "01-09-2019", "",
     "Secondary", "11", "18", "1200", "1134", "21.0", "Ridge Way", "", "Eastbridge", "EB3 5GH",
     "02079460005", ("Dr", "Amara", "Osei"), "454900", "299800", "Good", "999"),
    ("990104", "4001", "Elmridge School", "Foundation school", "Closed", "", "31-08-2019",
     "Secondary", "11", "18", "1150", "", "", "Ridge Way", "", "Eastbridge", "EB3 5GH", "",
     ("", "", ""), "454900", "299800", "Not applicable", "999"),
    ("990105", "3500", "Sainte-Thérèse Catholic Primary School", "Voluntary aided school",
     "Open", "", "", "Primary", "3", "11", "210", "205", "9.8", "Rue de la Forêt", "Café Corner",
     "Eastbridge", "EB2 7JK", "02079460106", ("Mrs", "Zoë", "Brontë"), "450800", "302900", "",
     "999"),
    ("990106", "3501", "St Anne’s CE Junior School", "Voluntary controlled school",
     "Open, but proposed to close", "", "", "Primary", "7", "11", "240", "188", "31.2",
     "St Anne’s Walk", "", "Eastbridge", "EB4 3LM", "02079460107", ("Mr", "Seán", "O’Neill"),
     "455600", "303300", "Requires improvement", "999"),
    ("990107", "1100", "Fernhill Nursery School", "Local authority nursery school", "Open", "",
     "", "Nursery", "2", "5", "", "96", "", "Fernhill Close", "", "Eastbridge", "EB5 8NP",
     "02079460108", ("Ms", "Grace", "Adeyemi"), "449900", "301700", "Outstanding", "999"),
    ("990200", "2100", "Westmere Primary School", "Community school", "Open", "", "",
     "Primary", "4", "11", "630", "612", "12.5", "Mere Lane", "", "Westmere", "WM1 1QR",
     "02079460201", ("Mr", "Ian", "Fletcher"), "431000", "298000", "Good", "998"),
]  # fmt: skip

LA_NAMES = {"999": "Eastbridge", "998": "Westmere"}


def register_row(school: tuple) -> dict[str, str]:
    (urn, est, name, kind, status, opened, closed, phase, low, high, capacity, pupils, fsm,
     street, locality, town, postcode, phone, head, easting, northing, ofsted, la) = school  # fmt: skip
    row = dict.fromkeys(GIAS_HEADER, "")
    row.update(
        {
            "URN": urn,
            "LA (code)": la,
            "LA (name)": LA_NAMES[la],
            "EstablishmentNumber": est,
            "EstablishmentName": name,
            "TypeOfEstablishment (name)": kind,
            "EstablishmentTypeGroup (name)": "Academies" if "cademy" in kind else "Local authority maintained schools",
            "EstablishmentStatus (name)": status,
            "OpenDate": opened,
            "CloseDate": closed,
            "ReasonEstablishmentOpened (name)": "Academy Converter" if opened else "Not applicable",
            "ReasonEstablishmentClosed (name)": "Academy Converter" if closed else "Not applicable",
            "PhaseOfEducation (code)": {"Nursery": "1", "Primary": "2", "Secondary": "4"}[phase],
            "PhaseOfEducation (name)": phase,
            "StatutoryLowAge": low,
            "StatutoryHighAge": high,
            "Boarders (name)": "No boarders",
            "NurseryProvision (name)": "Has Nursery Classes" if low in "23" else "No Nursery Classes",
            "OfficialSixthForm (name)": "Has a sixth form" if high == "18" else "Does not have a sixth form",
            "Gender (name)": "Mixed",
            "ReligiousCharacter (name)": "Roman Catholic" if "Catholic" in name else ("Church of England" if "CE" in name else "Does not apply"),
            "Diocese (name)": "Not applicable",
            "AdmissionsPolicy (name)": "Not applicable",
            "SchoolCapacity": capacity,
            "CensusDate": "16-01-2025",
            "NumberOfPupils": pupils,
            "PercentageFSM": fsm,
            "FSM": "" if fsm in ("", "Not applicable") else str(round(float(fsm) * int(pupils or 0) / 100)),
            "TrustSchoolFlag (name)": "Not applicable",
            "Trusts (name)": "Eastbridge Learning Trust" if "cademy" in kind else "",
            "SchoolSponsorFlag (name)": "Not applicable",
            "FederationFlag (name)": "Not under a federation",
            "OfstedLastInsp": "" if ofsted in ("", "Not applicable") else "14-03-2023",
            "OfstedRating (name)": ofsted,
            "LastChangedDate": "02-10-2025",
            "Street": street,
            "Locality": locality,
            "Town": town,
            "County (name)": "Not applicable",
            "Postcode": postcode,
            "SchoolWebsite": "" if not phone else f"www.{name.lower().replace(' ', '-').replace('’', '')}.example.org",
            "TelephoneNum": phone,
            "HeadTitle (name)": head[0],
            "HeadFirstName": head[1],
            "HeadLastName": head[2],
            "HeadPreferredJobTitle": "Headteacher" if head[1] else "",
            "GOR (name)": "East Midlands",
            "DistrictAdministrative (name)": LA_NAMES[la],
            "UrbanRural (name)": "(England/Wales) Urban city and town",
            "Easting": easting,
            "Northing": northing,
            "InspectorateName (name)": "Not applicable",
            "Country (name)": "Not applicable",
        }
    )  # fmt: skip
    row["SchoolWebsite"] = row["SchoolWebsite"].encode("ascii", "ignore").decode()
    return row


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    with open(SAMPLES / "edubasealldata_sample.csv", "w", encoding="cp1252", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=GIAS_HEADER, quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for school in SCHOOLS:
            writer.writerow(register_row(school))
    with open(SAMPLES / "links_sample.csv", "w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"])
        writer.writerow(["990104", "990005", "Elmridge Academy", "Successor", "01-09-2019"])
        writer.writerow(["990005", "990104", "Elmridge School", "Predecessor", "01-09-2019"])


if __name__ == "__main__":
    main()
