"""Feeder and transition links between primary and secondary schools: on both school pages,
and a directory filter for the schools that feed one."""

import pytest

from schools.feeders import FeederLink
from tests.factories import SchoolFactory


@pytest.fixture
def kingsway(db):
    return SchoolFactory(name="Kingsway High School", slug="kingsway-high-school", urn="990111")


def test_both_school_pages_show_the_link(anonymous, school, kingsway):
    FeederLink.objects.create(feeder=school, receiver=kingsway)
    feeder_page = anonymous.get(school.get_absolute_url()).content.decode()
    assert "Abbeyfield Primary School feeds" in feeder_page
    assert f'href="{kingsway.get_absolute_url()}">Kingsway High School</a>' in feeder_page
    receiver_page = anonymous.get(kingsway.get_absolute_url()).content.decode()
    assert "Schools that feed Kingsway High School" in receiver_page
    assert f'href="{school.get_absolute_url()}">Abbeyfield Primary School</a>' in receiver_page


def test_the_directory_lists_the_schools_that_feed_a_school(anonymous, school, kingsway):
    FeederLink.objects.create(feeder=school, receiver=kingsway)
    other = SchoolFactory(name="Cherry Tree Primary School")
    FeederLink.objects.create(
        feeder=other, receiver=SchoolFactory(name="Elsewhere Academy"), kind="transition"
    )
    for named in ("Kingsway", "990111", "kingsway-high-school"):
        rows = anonymous.get("/schools/", {"feeds": named}).context["schools"]
        assert [s.name for s in rows] == ["Abbeyfield Primary School"], named
    rows = anonymous.get("/schools/", {"feeds": "Nowhere"}).context["schools"]
    assert list(rows) == []


def test_a_school_cannot_feed_itself(school):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        FeederLink(feeder=school, receiver=school).full_clean()


@pytest.mark.parametrize("links", [1, 20])
def test_the_school_page_costs_the_same_queries_for_1_or_20_links(
    staff, school, links, django_assert_num_queries
):
    """The links come with the school's own row (no query per linked school): session, user,
    school with its links, partnerships and groups, current staff, events (no place given,
    so no schools nearby)."""
    for _ in range(links):
        FeederLink.objects.create(feeder=SchoolFactory(), receiver=school)
    with django_assert_num_queries(6):
        response = staff.get(school.get_absolute_url())
    assert len(response.context["fed_by"]) == links


@pytest.mark.parametrize("links", [1, 20])
def test_the_feeds_filter_costs_the_same_queries_for_1_or_20_schools(
    anonymous, kingsway, links, django_assert_max_num_queries
):
    for _ in range(links):
        FeederLink.objects.create(feeder=SchoolFactory(), receiver=kingsway)
    with django_assert_max_num_queries(6):
        response = anonymous.get("/schools/", {"feeds": "Kingsway"})
    assert len(response.context["schools"]) == links
