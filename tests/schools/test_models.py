"""School rows: fact sources, Ofsted display rules, search and logo names."""

import datetime

import pytest
from django.utils import timezone

from schools.models import FactSource, School, logo_upload_to, normalise_postcode_query
from tests.factories import SchoolFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("eb11aa", "EB1 1AA"), ("EB1 1AA", "EB1 1AA"), ("ec1a 1bb", "EC1A 1BB"), ("eb1", "EB1 ")],
)
def test_postcode_queries_match_the_stored_form(typed, stored):
    assert normalise_postcode_query(typed) == stored


def test_words_are_not_postcodes():
    assert normalise_postcode_query("Abbey") == ""


def test_fact_sources(db):
    school = SchoolFactory()
    assert school.fact_source("phase") == ""
    school.register_imported_at = timezone.now()
    school.school_set_fields = ["telephone"]
    assert school.fact_source("phase") == FactSource.REGISTER
    assert school.fact_source("telephone") == FactSource.SCHOOL
    assert school.fact_source("ethos") == FactSource.SCHOOL
    assert school.fact_sources["phase"] == "from the public register"


def test_old_grade_needs_its_date():
    school = School(ofsted_grade="good")
    assert not school.has_single_word_grade
    school.ofsted_inspection_date = datetime.date(2021, 3, 10)
    assert school.has_single_word_grade
    school.ofsted_grade = "not_graded"
    assert not school.has_single_word_grade


def test_logo_names_are_random_and_keep_only_the_extension():
    first = logo_upload_to(School(), "My School's Logo.PNG")
    second = logo_upload_to(School(), "My School's Logo.PNG")
    assert first != second
    assert first.startswith("schools/logos/") and first.endswith(".png")
    assert "Logo" not in first


def test_search_by_name_urn_or_postcode(db):
    abbey = SchoolFactory(name="Abbey Primary", urn="100001", postcode="EB1 1AA")
    SchoolFactory(name="Brook High", urn="100002", postcode="EB2 2BB")
    assert list(School.objects.search("abbey")) == [abbey]
    assert list(School.objects.search("100001")) == [abbey]
    assert list(School.objects.search("eb11aa")) == [abbey]
    assert School.objects.search("  ").count() == 2
