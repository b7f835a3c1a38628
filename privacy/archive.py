"""Subject access: everything the portal holds about one person, as one zip of JSON and CSV.

    data = person_archive(person)           # bytes of a zip
    tables = archive_tables(person)         # {title: [row, ...]}, what the zip holds

The tables come from the registry (privacy.registry): every field of every model that points
at the person or their account, copied whole ("row": what is about them and theirs to see) or
as a fact ("fact": that a row names them, its id and dates, never its content, which may be
someone else's profile or address). Besides: the profile and its versions, with who made each
change (a name the person can see on any profile page), and the failed sign-ins that named
their addresses, and where others wrote about them (which row, not the text). Secrets
(password hashes, tokens, keys) are never copied.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import TextField
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast

from accounts.models import SecurityEvent
from people.history import who
from people.models import Person
from privacy.links import person_fields
from privacy.mentions import mentions
from privacy.needles import escaped, person_needles
from privacy.registry import SECRET_COLUMN

README = """What {portal} holds about {name}, on {date}.

archive.json holds every table below; each .csv file holds one of them (UTF-8, for a
spreadsheet). "profile" is the profile as it is; "profile history" each version of it and who
made it; the other tables are the rows that name this person. A table of facts ("changes
made", "schools edited"...) says only that a row names them, with its id and dates: its content
is about other people or places and is not copied.

Ask an alliance admin for anything you expected and did not find (docs/privacy.md).
"""


def _value(field: models.Field, value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if value is not None and not isinstance(
        value, str | int | float | bool | dict | list | datetime.date
    ):
        return str(value)
    return value


def row_of(obj: models.Model, *, whole: bool) -> dict[str, Any]:
    """A row's columns by name (keys as ids), secrets left out; only its id and dates when
    not `whole`."""
    out: dict[str, Any] = {"table": obj._meta.label, "id": obj.pk}
    for field in obj._meta.concrete_fields:
        if SECRET_COLUMN.search(field.name) or field.name in out:
            continue
        if not whole and not isinstance(field, models.DateField) and field.name != "history_type":
            continue
        out[field.attname] = _value(field, getattr(obj, field.attname))
    return out


def archive_tables(person: Person) -> dict[str, list[dict[str, Any]]]:
    """Every table of the archive, by title. A query per field that names a person and per
    text column (the mentions), however many rows: none per row."""
    person = Person.objects.select_related("user", "school", "organisation").get(pk=person.pk)
    user = person.user
    tables: dict[str, list[dict[str, Any]]] = {"profile": [row_of(person, whole=True)]}
    if user is not None:
        tables["account"] = [
            {"e-mail address": user.email, "joined": user.date_joined, "active": user.is_active}
        ]
    versions = person.history.select_related("history_user__person").order_by("history_date")
    tables["profile history"] = [
        {**row_of(version, whole=True), "changed by": who(version)} for version in versions
    ]
    for found in person_fields():
        if found.link is None or found.link.archive == "none":
            continue
        rows = [
            row_of(obj, whole=found.link.archive == "row")
            for obj in found.rows(person, user).order_by("pk")
        ]
        if rows:
            tables.setdefault(found.title, []).extend(rows)
    failed = _failed_sign_ins(person, user)
    if failed:
        tables["sign-ins refused for their addresses"] = failed
    # Where others wrote their name, address or number (minutes, a colleague's bio, the admin
    # log): which row and column, not the text, which may be about others too.
    written = [
        {"table": model._meta.label, "id": pk, "column": field.name}
        for model, field, pk, _ in mentions(person_needles(person))
    ]
    if written:
        tables["mentions"] = written
    return tables


def _failed_sign_ins(person: Person, user) -> list[dict[str, Any]]:
    """Refused sign-ins with one of their addresses typed: when, not from where (the address
    may have been typed by someone else)."""
    addresses = {person.email, getattr(user, "email", "")} - {""}
    if not addresses:
        return []
    found = models.Q()
    for address in addresses:
        found |= models.Q(as_text__icontains=address) | models.Q(
            as_text__icontains=escaped(address)
        )
    events = (
        SecurityEvent.objects.filter(user__isnull=True)
        .annotate(as_text=Cast("details", TextField()))
        .filter(found)
        .order_by("created_at")
    )
    return [
        {"table": e._meta.label, "id": e.pk, "kind": e.get_kind_display(), "at": e.created_at}
        for e in events
    ]


def _csv(rows: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [name for name in row if name not in columns]
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 only with a byte-order mark.
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def person_archive(person: Person, *, portal: str, on: datetime.date) -> bytes:
    """The zip: README.txt, archive.json and a CSV file per table."""
    tables = archive_tables(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt", README.format(portal=portal, name=person.display_name, date=on)
        )
        archive.writestr(
            "archive.json", json.dumps(tables, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        for title, rows in tables.items():
            archive.writestr(f"{title.replace(' ', '-')}.csv", _csv(rows))
    return buffer.getvalue()
