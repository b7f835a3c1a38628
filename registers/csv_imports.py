"""CSV imports of a school's people (with their roles) and a partnership's member schools.

Each import reads the whole file, validates every row with a form, and plans what it would do
(create, update, unchanged). One bad row means nothing is written and every bad row is listed
with its reason. Applying a plan re-reads nothing: `apply_*` get the validated plan. Importing
the same file twice plans "unchanged" for every row the second time.

django-import-export was considered: a row here creates or updates two models (a person and a
role assignment) matched by keys scoped to one school or partnership, with access decided per
school; plain csv + forms states that in less code than its resource hooks.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction
from django.db.models.functions import Lower
from phonenumber_field.formfields import PhoneNumberField

from partnerships.models import Membership, MembershipRole, Partnership
from people.models import ContactVisibility, Person, RoleAssignment, RoleType, Specialism
from registers.files import CsvFileError, looks_like_formula, open_text
from schools.models import School

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}

PEOPLE_COLUMNS = [
    "first_name",
    "last_name",
    "preferred_name",
    "job_title",
    "email",
    "telephone",
    "contact_visibility",
    "role",
    "specialism",
    "role_starts_on",
    "role_ends_on",
]
PEOPLE_REQUIRED = ["first_name", "last_name", "email"]
PEOPLE_EXAMPLE = [
    "Jo", "Example", "", "Year 6 teacher", "jo.example@example.org", "020 7946 0999",
    "school", "Specialist Leader of Education", "Maths", "01/09/2024", "",
]  # fmt: skip

MEMBERSHIP_COLUMNS = ["urn", "role", "joined_on", "left_on", "hosts_meetings", "coordinator_email"]
MEMBERSHIP_REQUIRED = ["urn"]
MEMBERSHIP_EXAMPLE = ["990000", "member", "01/09/2024", "", "yes", ""]


@dataclass
class PlannedRow:
    line: int
    label: str
    action: str  # create, update, unchanged
    changes: list[str] = field(default_factory=list)
    apply: Any = None  # what to write, filled by the planner


@dataclass
class Plan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({line for line, _reason in self.errors})

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


def read_rows(binary, *, columns: list[str], required: list[str]) -> list[tuple[int, dict]]:
    """(line, {column: text}) for every non-empty row; refuses a file missing columns."""
    text, _encoding = open_text(binary)
    reader = csv.reader(text)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
        rows = []
        for line, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                rows.append((line, cells))
    except StopIteration:
        raise CsvFileError("The file is empty.") from None
    except csv.Error as error:
        raise CsvFileError(f"This is not a readable CSV file ({error}).") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvFileError(
            f"The column(s) {', '.join(missing)} are missing. Start from the template."
        )
    if not rows:
        raise CsvFileError("The file has its header but no rows.")
    index = {name: i for i, name in enumerate(header) if name in columns}
    return [
        (line, {name: cells[i].strip() if i < len(cells) else "" for name, i in index.items()})
        for line, cells in rows
    ]


def read_text(content: str, **kwargs) -> list[tuple[int, dict]]:
    return read_rows(io.BytesIO(content.encode("utf-8")), **kwargs)


def _formula_errors(values: dict) -> list[str]:
    return [
        f"{name} starts with {text[0]!r}: formulas are not accepted."
        for name, text in values.items()
        if looks_like_formula(text)
    ]


def _form_errors(form: forms.Form) -> list[str]:
    return [
        f"{name}: {message}" if name != "__all__" else message
        for name, messages in form.errors.items()
        for message in messages
    ]


def _lookup(entries, text: str):
    """A vocabulary entry by name, abbreviation or slug, ignoring case."""
    text = text.strip().lower()
    for entry in entries:
        names = {entry.name.lower(), entry.slug.lower(), getattr(entry, "abbreviation", "").lower()}
        if text in names - {""}:
            return entry
    return None


# People --------------------------------------------------------------------------------------


class PersonRowForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    preferred_name = forms.CharField(max_length=100, required=False)
    job_title = forms.CharField(max_length=150, required=False)
    email = forms.EmailField()
    telephone = PhoneNumberField(required=False, region="GB")
    contact_visibility = forms.ChoiceField(choices=ContactVisibility.choices, required=False)
    role = forms.CharField(required=False)
    specialism = forms.CharField(required=False)
    role_starts_on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    role_ends_on = forms.DateField(required=False, input_formats=DATE_FORMATS)

    def __init__(self, data: dict, *, roles: list, specialisms: list) -> None:
        super().__init__(data)
        self.roles, self.specialisms = roles, specialisms

    def clean_email(self) -> str:
        return self.cleaned_data["email"].lower()

    def clean_role(self) -> RoleType | None:
        text = self.cleaned_data["role"]
        if not text:
            return None
        role = _lookup(self.roles, text)
        if role is None:
            known = ", ".join(role.name for role in self.roles)
            raise forms.ValidationError(f"{text!r} is not a role the alliance uses ({known}).")
        return role

    def clean_specialism(self) -> Specialism | None:
        text = self.cleaned_data["specialism"]
        if not text:
            return None
        specialism = _lookup(self.specialisms, text)
        if specialism is None:
            raise forms.ValidationError(f"{text!r} is not a specialism the alliance uses.")
        return specialism

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("role_starts_on"), data.get("role_ends_on")
        if starts and ends and ends < starts:
            raise forms.ValidationError("role_ends_on is before role_starts_on.")
        if not data.get("role") and (data.get("specialism") or starts or ends):
            raise forms.ValidationError("A specialism or role dates need a role.")
        return data


PERSON_FIELDS = ["first_name", "last_name", "preferred_name", "job_title", "telephone"]


def plan_people(*, school: School, rows: list[tuple[int, dict]]) -> Plan:
    """Validate every row and plan people and role assignments for `school`."""
    plan = Plan()
    emails = {values.get("email", "").lower() for _line, values in rows}
    people = {
        p.email.lower(): p
        for p in Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    vocabularies = {
        "roles": list(RoleType.objects.all()),
        "specialisms": list(Specialism.objects.all()),
    }
    seen_people: dict[str, tuple[int, dict]] = {}
    seen_roles: dict[tuple, int] = {}
    for line, values in rows:
        errors = _formula_errors(values)
        form = PersonRowForm(values, **vocabularies)
        if not form.is_valid():
            errors += _form_errors(form)
        if errors:
            plan.errors += [(line, error) for error in errors]
            continue
        data = form.cleaned_data
        email = data["email"]
        person = people.get(email)
        if person is not None and person.school_id != school.pk:
            plan.errors.append((line, f"{email} belongs to someone at another school."))
            continue
        details = {name: data[name] for name in PERSON_FIELDS}
        details["telephone"] = data["telephone"] or ""
        if email in seen_people and seen_people[email][1] != details:
            plan.errors.append(
                (line, f"{email} is on line {seen_people[email][0]} with other details.")
            )
            continue
        seen_people.setdefault(email, (line, details))
        key = (email, data["role"], data["specialism"])
        if data["role"] and key in seen_roles:
            plan.errors.append((line, f"The same role is on line {seen_roles[key]}."))
            continue
        seen_roles[key] = line
        plan.rows.append(_plan_person_row(line, school, person, data, details))
    return plan


def _plan_person_row(line, school, person, data, details) -> PlannedRow:
    label = f"{data['first_name']} {data['last_name']} <{data['email']}>"
    if data["role"]:
        label += f": {data['role'].name}" + (
            f" ({data['specialism']})" if data["specialism"] else ""
        )
    row = PlannedRow(line, label, "unchanged", apply=data | {"details": details})
    if person is None:
        row.action = "create"
        return row
    for name, value in details.items():
        current = getattr(person, name)
        if str(current or "") != str(value or ""):
            row.changes.append(f"{name}: {current or '(empty)'} → {value or '(empty)'}")
    if data["role"]:
        assignment = _find_assignment(person, data)
        if assignment is None:
            row.changes.append(f"new role {data['role'].name}")
        else:
            for name in ("starts_on", "ends_on"):
                value = data[f"role_{name}"]
                if value and getattr(assignment, name) != value:
                    row.changes.append(f"role {name}: {getattr(assignment, name)} → {value}")
    if row.changes:
        row.action = "update"
    return row


def _find_assignment(person: Person, data: dict) -> RoleAssignment | None:
    return RoleAssignment.objects.filter(
        person=person, role_type=data["role"], specialism=data["specialism"], partnership=None
    ).first()


@transaction.atomic
def apply_people(*, school: School, plan: Plan) -> None:
    """Write a plan from `plan_people` that has no errors."""
    assert plan.ok, "A plan with errors is never applied."
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        data = row.apply
        person = Person.objects.filter(email__iexact=data["email"], school=school).first()
        if person is None:
            person = Person(
                school=school,
                email=data["email"],
                contact_visibility=data["contact_visibility"] or ContactVisibility.ALLIANCE,
            )
        for name, value in data["details"].items():
            setattr(person, name, value)
        person.full_clean()
        person.save()
        if data["role"]:
            assignment = _find_assignment(person, data) or RoleAssignment(
                person=person, role_type=data["role"], specialism=data["specialism"]
            )
            if data["role_starts_on"]:
                assignment.starts_on = data["role_starts_on"]
            if data["role_ends_on"]:
                assignment.ends_on = data["role_ends_on"]
            assignment.full_clean()
            assignment.save()


# Memberships ---------------------------------------------------------------------------------


class MembershipRowForm(forms.Form):
    urn = forms.RegexField(regex=r"^\d{6}$", error_messages={"invalid": "A URN has 6 digits."})
    role = forms.CharField(required=False)
    joined_on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    left_on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    hosts_meetings = forms.CharField(required=False)
    coordinator_email = forms.EmailField(required=False)

    def clean_role(self) -> str:
        text = self.cleaned_data["role"].lower() or MembershipRole.MEMBER
        for value, label in MembershipRole.choices:
            if text in (value, label.lower()):
                return value
        raise forms.ValidationError(f"{text!r} is not lead, member or associate.")

    def clean_hosts_meetings(self) -> bool:
        text = self.cleaned_data["hosts_meetings"].lower()
        if text in YES or text == "":
            return True
        if text in NO:
            return False
        raise forms.ValidationError(f"{text!r} is not yes or no.")

    def clean(self) -> dict:
        data = super().clean()
        joined, left = data.get("joined_on"), data.get("left_on")
        if joined and left and left < joined:
            raise forms.ValidationError("left_on is before joined_on.")
        return data


MEMBERSHIP_FIELDS = ["role", "joined_on", "left_on", "hosts_meetings", "coordinator"]


def plan_memberships(*, partnership: Partnership, rows: list[tuple[int, dict]]) -> Plan:
    """Validate every row and plan the partnership's memberships, matched by URN."""
    plan = Plan()
    urns = {values.get("urn", "") for _line, values in rows}
    schools = {s.urn: s for s in School.objects.filter(urn__in=urns)}
    existing: dict[int, list[Membership]] = {}
    for membership in partnership.memberships.filter(school__urn__in=urns):
        existing.setdefault(membership.school_id, []).append(membership)
    coordinators = {
        (p.school_id, p.email.lower()): p
        for p in Person.objects.filter(
            school__urn__in=urns,
            email__in=[v.get("coordinator_email", "").lower() for _l, v in rows],
        )
    }
    seen: dict[str, int] = {}
    for line, values in rows:
        errors = _formula_errors(values)
        form = MembershipRowForm(values)
        if not form.is_valid():
            errors += _form_errors(form)
        if errors:
            plan.errors += [(line, error) for error in errors]
            continue
        data = dict(form.cleaned_data)
        school = schools.get(data["urn"])
        if school is None:
            plan.errors.append((line, f"No school in the portal has URN {data['urn']}."))
            continue
        if data["urn"] in seen:
            plan.errors.append((line, f"URN {data['urn']} is also on line {seen[data['urn']]}."))
            continue
        seen[data["urn"]] = line
        email = data.pop("coordinator_email").lower()
        data["coordinator"] = coordinators.get((school.pk, email)) if email else None
        if email and data["coordinator"] is None:
            plan.errors.append((line, f"{email} is not a member of staff at {school.name}."))
            continue
        plan.rows.append(_plan_membership_row(line, school, existing.get(school.pk, []), data))
    return plan


def _plan_membership_row(line, school, memberships, data) -> PlannedRow:
    match = next((m for m in memberships if m.joined_on == data["joined_on"]), None) or next(
        (m for m in memberships if m.left_on is None), None
    )
    row = PlannedRow(line, f"{school.name} ({school.urn})", "create", apply=(school, match, data))
    if match is None:
        return row
    row.action = "unchanged"
    for name in MEMBERSHIP_FIELDS:
        current, new = getattr(match, name), data[name]
        if current != new:
            row.changes.append(f"{name}: {_show(current)} → {_show(new)}")
    if row.changes:
        row.action = "update"
    return row


def _show(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@transaction.atomic
def apply_memberships(*, partnership: Partnership, plan: Plan) -> None:
    """Write a plan from `plan_memberships` that has no errors."""
    assert plan.ok, "A plan with errors is never applied."
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        school, membership, data = row.apply
        membership = membership or Membership(school=school, partnership=partnership)
        for name in MEMBERSHIP_FIELDS:
            setattr(membership, name, data[name])
        membership.full_clean()
        membership.save()
