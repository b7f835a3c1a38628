"""The register's import changes a fact of a school whose head confirmed its profile earlier:
the head is asked to check it again."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from notifications import tick
from notifications.models import Kind, Message
from registers.importer import import_register
from schools.models import School
from tests.factories import PersonFactory
from tests.registers.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def _sample() -> str:
    return (SAMPLES / "edubasealldata_sample.csv").read_bytes().decode("cp1252")


def test_an_import_that_changes_the_schools_address_asks_its_head():
    import_register(text=io.StringIO(_sample(), newline=""), dry_run=False)
    school = School.objects.get(urn="990001")
    head = PersonFactory(school=school)
    School.objects.filter(pk=school.pk).update(
        headteacher=head,
        profile_confirmed_at=timezone.now(),  # checked after the first import
    )
    tick.run()
    assert not Message.objects.filter(kind=Kind.PROFILE_CHECK).exists()
    changed = _sample().replace("Abbey Fields Road", "Abbey Fields Lane")
    import_register(text=io.StringIO(changed, newline=""), dry_run=False)
    tick.run()
    (message,) = Message.objects.filter(kind=Kind.PROFILE_CHECK)
    assert message.person == head
    assert "The public register's import changed some facts" in message.body_text
