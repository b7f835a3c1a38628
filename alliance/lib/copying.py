"""Insert many rows at once: PostgreSQL's COPY where it is available, bulk_create elsewhere.

Django's bulk_create builds one multi-row INSERT whose compilation and parameter conversion cost
more than the database's work at national scale (tens of thousands of schools, their history
and their search rows). `copy_create` takes primary keys from the table's sequence in one query
and streams the rows with COPY, in the caller's transaction; on SQLite it is bulk_create.
Objects come back saved, with their pk, as bulk_create leaves them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from django.db import connection, models
from phonenumber_field.modelfields import PhoneNumberField

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")

# Fields whose values psycopg writes to COPY as they are (its own dumpers): no Django preparation.
_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.BigIntegerField,
    models.BooleanField,
    models.DateField,
    models.DateTimeField,
    models.DecimalField,
    models.FloatField,
    models.ForeignKey,
    models.IntegerField,
    models.OneToOneField,
    models.PositiveBigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
)
# Text fields: a str as it is, anything else (a file, a choice) as Django prepares it.
_TEXT = (
    models.CharField,
    models.EmailField,
    models.SlugField,
    models.TextField,
    models.URLField,
)


def _preparer(field: models.Field) -> Callable[[object], object]:
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def as_json(value: object) -> object:
            return None if value is None else json.dumps(value, cls=encoder)

        return as_json
    if type(field) in _PLAIN:
        return _same
    if isinstance(field, PhoneNumberField):

        def as_number(value: object) -> object:
            # Text already in E.164 (as the register import writes it) is what the field
            # would store: parsing and validating it again costs 0.3 ms a row.
            if type(value) is str and (not value or _E164.match(value)):
                return value
            return field.get_db_prep_save(value, connection)

        return as_number
    if type(field) in _TEXT:

        def as_text(value: object) -> object:
            if value is None or type(value) is str:
                return value
            return field.get_db_prep_save(value, connection)

        return as_text
    return lambda value: field.get_db_prep_save(value, connection)


def _same(value: object) -> object:
    return value


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_create(objs: Sequence[models.Model]) -> Sequence[models.Model]:
    """Save these new objects of one model in bulk and return them with their pk.

    Fields with auto_now/auto_now_add are stamped as save() would. No signals are sent, as with
    bulk_create.
    """
    if not objs:
        return objs
    model = type(objs[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=500)
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    stamped = [f for f in fields if getattr(f, "auto_now", 0) or getattr(f, "auto_now_add", 0)]
    for obj in objs:
        for field in stamped:
            field.pre_save(obj, add=True)
    pk = meta.pk
    missing = [obj for obj in objs if obj.pk is None]
    for obj, new_id in zip(missing, _next_ids(model, len(missing)), strict=True):
        setattr(obj, pk.attname, new_id)
    prepare = [(f.attname, _preparer(f)) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objs:
            values = obj.__dict__
            copy.write_row([how(values[name]) for name, how in prepare])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def copy_update(objs: Sequence[models.Model], fields: Sequence[str]) -> int:
    """Write these fields of saved objects of one model in bulk; returns the rows updated.

    On PostgreSQL the values go to a temporary table by COPY and one UPDATE joins it, instead
    of bulk_update's CASE per field and row; elsewhere it is bulk_update.
    """
    if not objs:
        return 0
    model = type(objs[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_update(objs, fields, batch_size=500)
    meta = model._meta
    chosen = [meta.pk, *(meta.get_field(name) for name in fields)]
    prepare = [(f.attname, _preparer(f)) for f in chosen]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(f.column) for f in chosen)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS copy_update_rows")
        cursor.execute(
            f"CREATE TEMPORARY TABLE copy_update_rows ON COMMIT DROP AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY copy_update_rows ({columns}) FROM STDIN") as copy:
            for obj in objs:
                values = obj.__dict__
                copy.write_row([how(values[name]) for name, how in prepare])
        assignments = ", ".join(f"{quote(f.column)} = rows.{quote(f.column)}" for f in chosen[1:])
        pk = quote(meta.pk.column)
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM copy_update_rows AS rows "
            f"WHERE {table}.{pk} = rows.{pk}"
        )
        updated = cursor.rowcount
        cursor.execute("DROP TABLE copy_update_rows")
    return updated
