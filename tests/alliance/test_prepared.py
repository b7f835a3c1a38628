"""On PostgreSQL a query run again and again on one connection is prepared, not planned anew."""

import pytest
from django.db import connection

from schools.models import School
from tests.factories import SchoolFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements: PostgreSQL (CI runs it)"
    ),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_fifth_run_of_a_query_prepares_it_and_later_runs_use_it():
    schools = SchoolFactory.create_batch(3)
    before = len(prepared_statements())
    for school in schools * 2:
        assert School.objects.only("name").get(pk=school.pk).name == school.name
    statements = prepared_statements()
    assert len(statements) == before + 1
    assert any('SELECT "schools_school"."id", "schools_school"."name"' in s for s in statements)
    assert School.objects.only("name").get(pk=schools[0].pk).name == schools[0].name
    assert len(prepared_statements()) == before + 1
