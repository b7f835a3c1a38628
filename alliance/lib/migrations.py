"""Migration operations of our own."""

from __future__ import annotations

from django.db import migrations


def postgresql_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """Run `forward` SQL on PostgreSQL (`backward` to reverse it) and nothing on SQLite: for
    the GIN and trigram indexes the demo database has no form of, whose searches fall back to
    LIKE."""

    def run(statements: list[str]):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for sql in statements:
                schema_editor.execute(sql)

        return apply

    return migrations.RunPython(run(forward), run(backward))
