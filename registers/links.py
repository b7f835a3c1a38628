"""The register's links file: predecessor and successor schools (e.g. academy conversion).

Each link is kept as a RegisterLink (the "history link" the school page shows). When both
schools are in the portal, the successor inherits the predecessor's current memberships; a
closed predecessor's open memberships end the day before the link took effect.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from partnerships.models import Membership
from registers.files import CsvFileError, looks_like_formula
from registers.gias import RowError, parse_date
from registers.models import RegisterLink
from registers.structure import CheckedReader, FileRefused, Problem
from schools.models import School, Status

REQUIRED = ("URN", "LinkURN", "LinkType")
URN_RE = re.compile(r"^\d{6}$")


@dataclass
class LinksReport:
    dry_run: bool
    links_created: int = 0
    links_unchanged: int = 0
    memberships_inherited: int = 0
    memberships_ended: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verb = "Would have" if self.dry_run else "Done:"
        return (
            f"{verb} recorded {self.links_created} new link(s) ({self.links_unchanged} already "
            f"known); {self.memberships_inherited} membership(s) inherited by successors, "
            f"{self.memberships_ended} ended for closed predecessors."
        )


def _pairs(text: TextIO) -> dict[tuple[str, str], tuple[str, object]]:
    """(predecessor URN, successor URN) -> (link type, date), or FileRefused naming every bad
    line: the file is checked whole before anything is written."""
    reader = CheckedReader(text)
    missing = [name for name in REQUIRED if name not in reader.header]
    if missing:
        raise CsvFileError(f"This is not the register's links file: missing {', '.join(missing)}.")
    index = {name: i for i, name in enumerate(reader.header)}
    pairs: dict[tuple[str, str], tuple[str, object]] = {}
    problems = reader.problems
    for line, cells in reader:
        values = {name: cells[i].strip() for name, i in index.items()}
        urn, link_urn, kind = values["URN"], values["LinkURN"], values["LinkType"]
        formulas = [name for name, value in values.items() if looks_like_formula(value)]
        if formulas:
            problems.append(Problem(line, f"{formulas[0]} is a formula: not accepted."))
            continue
        if not (URN_RE.match(urn) and URN_RE.match(link_urn)):
            problems.append(Problem(line, f"URN {urn!r} or LinkURN {link_urn!r} is not 6 digits."))
            continue
        try:
            established = parse_date(values.get("LinkEstablishedDate", ""), "LinkEstablishedDate")
        except RowError as error:
            problems.append(Problem(line, str(error)))
            continue
        if kind.lower().startswith("successor"):
            pair = (urn, link_urn)
        elif kind.lower().startswith("predecessor"):
            pair = (link_urn, urn)
        else:
            continue  # Other kinds of link (e.g. sixth-form centre) carry no succession.
        if pair[0] != pair[1]:
            pairs[pair] = (kind, established)
    if problems:
        raise FileRefused(problems)
    return pairs


@transaction.atomic
def import_links(*, text: TextIO, dry_run: bool) -> LinksReport:
    """Record predecessor/successor links and pass memberships on; idempotent."""
    report = LinksReport(dry_run=dry_run)
    pairs = _pairs(text)
    urns = {urn for pair in pairs for urn in pair}
    schools = {s.urn: s for s in School.objects.filter(urn__in=urns)}
    known = {
        (link.predecessor_urn, link.successor_urn): link
        for link in RegisterLink.objects.filter(predecessor_urn__in=urns)
    }
    for (before, after), (kind, established) in sorted(pairs.items()):
        predecessor, successor = schools.get(before), schools.get(after)
        if (before, after) in known:
            report.links_unchanged += 1
        else:
            report.links_created += 1
            RegisterLink.objects.create(
                predecessor_urn=before,
                successor_urn=after,
                predecessor=predecessor,
                successor=successor,
                link_type=kind[:100],
                established_on=established,
            )
        if predecessor is None or successor is None:
            report.messages.append(
                f"{before} -> {after}: school {before if predecessor is None else after} is "
                "not in the portal; no memberships passed on."
            )
            continue
        _inherit(predecessor, successor, established, report)
    if dry_run:
        transaction.set_rollback(True)
    return report


def _inherit(
    predecessor: School, successor: School, established: object, report: LinksReport
) -> None:
    on = established if isinstance(established, datetime.date) else timezone.localdate()
    held = set(successor.memberships.values_list("partnership_id", flat=True))
    for membership in predecessor.memberships.current(on):
        if membership.partnership_id not in held:
            Membership.objects.create(
                school=successor,
                partnership_id=membership.partnership_id,
                role=membership.role,
                coordinator=membership.coordinator,
                joined_on=on,
                hosts_meetings=membership.hosts_meetings,
            )
            report.memberships_inherited += 1
        if predecessor.status == Status.CLOSED and membership.left_on is None:
            left = on - datetime.timedelta(days=1)
            membership.left_on = max(left, membership.joined_on) if membership.joined_on else left
            membership.save(update_fields=["left_on"])
            report.memberships_ended += 1
