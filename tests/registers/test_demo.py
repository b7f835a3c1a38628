"""The demo alliance's schools are the ones the fictional register sample describes."""

import io

import pytest
from django.core.management import call_command

from registers.models import RegisterLink
from schools.models import School

pytestmark = pytest.mark.django_db


def test_demo_schools_are_linked_to_the_register_sample_without_duplicates():
    call_command("seed_demo", stdout=io.StringIO())
    abbey = School.objects.get(slug="abbey-fields-primary-school")
    assert abbey.urn == "990001"
    assert abbey.register_record.easting == 452100 and abbey.latitude is not None
    assert School.objects.filter(name="Abbey Fields Primary School").count() == 1
    link = RegisterLink.objects.get()
    assert link.successor.slug == "elmridge-academy" and link.predecessor.name == "Elmridge School"
