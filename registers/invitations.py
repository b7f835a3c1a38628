"""Invitations for the people a staff import creates: checked in the preview, sent after the
import has been written (each invitation in its own transaction, through accounts.services, so
the same rules and the same security log apply as for one invitation)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.http import HttpRequest

from accounts.services import InvitationError, invitation_create
from accounts.services import invitation_refusals as refused_addresses
from registers.csv_imports import Plan
from schools.models import School


@dataclass(frozen=True)
class Refusal:
    line: int
    email: str
    reason: str


def _new_people(plan: Plan) -> list:
    """The first row of each person the plan creates (a person with two roles has two rows)."""
    rows = {}
    for row in plan.rows:
        if row.action == "create":
            rows.setdefault(row.apply["email"].lower(), row)
    return list(rows.values())


def new_people_count(plan: Plan) -> int:
    return len(_new_people(plan))


def invitation_refusals(*, user, school: School, plan: Plan) -> list[Refusal]:
    """The new people who could not be invited by `user`, each with the reason."""
    rows = _new_people(plan)
    emails = [row.apply["email"] for row in rows]
    codes = refused_addresses(user=user, school=school, emails=emails)
    return [
        Refusal(row.line, row.apply["email"], InvitationError.MESSAGES[code])
        for row in rows
        if (code := codes.get(row.apply["email"].strip().lower()))
    ]


def invite_new_people(*, request: HttpRequest, school: School, plan: Plan) -> list[Refusal]:
    """Invite every person the applied plan created; return those who could not be invited."""
    refusals = []
    for row in _new_people(plan):
        details = row.apply["details"]
        try:
            invitation_create(
                request=request,
                school=school,
                email=row.apply["email"],
                first_name=details.get("first_name", ""),
                last_name=details.get("last_name", ""),
            )
        except InvitationError as error:
            refusals.append(Refusal(row.line, row.apply["email"], error.message))
        except (OSError, smtplib.SMTPException):
            reason = (
                "The mail server did not take the invitation: invite them from the school page."
            )
            refusals.append(Refusal(row.line, row.apply["email"], reason))
    return refusals
