"""Import a school's staff and their role assignments from CSV.

Shared reading and rules: registers.csv_imports.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.db.models.functions import Lower
from phonenumber_field.formfields import PhoneNumberField

from alliance.lib.forms import PortalForm
from people.careers import post_record
from people.models import ContactVisibility, Person, RoleAssignment, RoleType, Specialism
from registers.csv_imports import (
    DATE_FORMATS,
    Plan,
    PlannedRow,
    form_errors,
    formula_errors,
    lookup,
)
from schools.models import School

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


class PersonRowForm(PortalForm):
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
        role = lookup(self.roles, text)
        if role is None:
            known = ", ".join(role.name for role in self.roles)
            raise forms.ValidationError(f"{text!r} is not a role the alliance uses ({known}).")
        return role

    def clean_specialism(self) -> Specialism | None:
        text = self.cleaned_data["specialism"]
        if not text:
            return None
        specialism = lookup(self.specialisms, text)
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
        errors = formula_errors(values)
        form = PersonRowForm(values, **vocabularies)
        if not form.is_valid():
            errors += form_errors(form)
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
        if data["contact_visibility"]:  # blank: the person's own choice stays
            details["contact_visibility"] = data["contact_visibility"]
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
        new = person.pk is None
        for name, value in data["details"].items():
            setattr(person, name, value)
        person.full_clean()
        person.save()
        if new:
            post_record(person=person, school=school, job_title=person.job_title)
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
