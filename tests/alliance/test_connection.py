"""The portal's PostgreSQL connections run with the session settings alliance/settings.py gives."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="connection settings: PostgreSQL (CI runs it)"
    ),
]


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_a_page_query_never_waits_for_parallel_workers():
    assert setting("max_parallel_workers_per_gather") == "0"


def test_a_runaway_query_is_cancelled():
    assert setting("statement_timeout") != "0"
