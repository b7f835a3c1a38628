"""Import a partnership's member schools by URN from CSV.

Shared reading and rules: registers.csv_imports.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone

from alliance.lib.forms import PortalForm
from partnerships.models import Membership, MembershipRole, Partnership, closed_school_message
from people.models import Person
from registers.csv_imports import (
    DATE_FORMATS,
    NO,
    YES,
    Plan,
    PlannedRow,
    form_errors,
    formula_errors,
)
from schools.models import School

MEMBERSHIP_COLUMNS = ["urn", "role", "joined_on", "left_on", "hosts_meetings", "coordinator_email"]
MEMBERSHIP_REQUIRED = ["urn"]
MEMBERSHIP_EXAMPLE = ["990001", "member", "01/09/2024", "", "yes", ""]


class MembershipRowForm(PortalForm):
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

    def clean_hosts_meetings(self) -> bool | None:
        """None when blank: no for a new member, unchanged for a school already a member."""
        text = self.cleaned_data["hosts_meetings"].lower()
        if text == "":
            return None
        if text in YES:
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
        errors = formula_errors(values)
        form = MembershipRowForm(values)
        if not form.is_valid():
            errors += form_errors(form)
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
        if school.closed_on and (data["joined_on"] or timezone.localdate()) > school.closed_on:
            plan.errors.append((line, closed_school_message(school.name, school.closed_on)))
            continue
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
    for name in _given(data):
        current, new = getattr(match, name), data[name]
        if current != new:
            row.changes.append(f"{name}: {_show(current)} → {_show(new)}")
    if row.changes:
        row.action = "update"
    return row


def _given(data: dict) -> list[str]:
    """The fields a row sets: a blank hosts_meetings leaves the membership's own."""
    return [
        name for name in MEMBERSHIP_FIELDS if data[name] is not None or name != "hosts_meetings"
    ]


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
        membership = membership or Membership(
            school=school, partnership=partnership, hosts_meetings=False
        )
        for name in _given(data):
            setattr(membership, name, data[name])
        membership.full_clean()
        membership.save()
