"""The whole of England (25,000 schools) in one file, by command, on the test database."""

import io
import time

import pytest
from django.core.management import call_command

from registers.models import RegisterRecord
from schools.models import School
from search.backends import exact_match
from search.models import SearchDocument
from tests.registers.damaged import national

pytestmark = [pytest.mark.django_db, pytest.mark.national]
SCHOOLS = 25_000


def test_a_national_file_imports_whole_and_is_searchable(tmp_path, sample_bytes, capsys):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(national(sample_bytes, SCHOOLS))
    started = time.monotonic()
    out = io.StringIO()
    call_command("import_gias", str(path), "--no-progress", stdout=out)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\n25,000-school register import by command: {elapsed:.1f}s")
    assert f"created {SCHOOLS}, updated 0, unchanged 0" in out.getvalue()
    assert School.objects.count() == RegisterRecord.objects.count() == SCHOOLS
    assert SearchDocument.objects.filter(kind="school").count() == SCHOOLS
    last = School.objects.get(urn=f"{900000 + SCHOOLS - 1}")
    assert exact_match(last.urn, user=_member()).url == last.get_absolute_url()


def _member():
    from django.contrib.auth import get_user_model

    return get_user_model()(is_staff=True)
