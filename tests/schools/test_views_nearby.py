"""Schools near this one: on the school page and as a directory filter, nearest first."""

from decimal import Decimal

import pytest

from tests.factories import SchoolFactory


@pytest.fixture
def neighbours(db):
    here = SchoolFactory(
        name="Here Primary",
        urn="970001",
        latitude=Decimal("53.400000"),
        longitude=Decimal("-2.150000"),
    )
    SchoolFactory(
        name="Next Door Primary", latitude=Decimal("53.405000"), longitude=Decimal("-2.150000")
    )  # about 0.6 km north
    SchoolFactory(
        name="Across Town Academy", latitude=Decimal("53.430000"), longitude=Decimal("-2.150000")
    )  # about 3.3 km
    SchoolFactory(
        name="Far Away High", latitude=Decimal("53.800000"), longitude=Decimal("-2.150000")
    )  # about 44 km
    SchoolFactory(
        name="Hidden Nearby School",
        is_published=False,
        latitude=Decimal("53.401000"),
        longitude=Decimal("-2.150000"),
    )
    return here


def test_school_page_lists_schools_within_5_km_nearest_first(anonymous, neighbours):
    html = anonymous.get(neighbours.get_absolute_url()).content.decode()
    assert "Schools within 5 km" in html
    assert html.index("Next Door Primary") < html.index("Across Town Academy")
    assert "Far Away High" not in html
    assert "Hidden Nearby School" not in html  # unpublished: not for the public


def test_directory_filters_by_distance_from_a_school(staff, neighbours):
    response = staff.get("/schools/", {"near": "970001", "within": "2"})
    names = [school.name for school in response.context["schools"]]
    assert "Next Door Primary" in names
    assert "Across Town Academy" not in names and "Far Away High" not in names
    wider = staff.get("/schools/", {"near": "970001", "within": "10"})
    assert "Across Town Academy" in [s.name for s in wider.context["schools"]]


def test_unknown_place_finds_nothing_and_says_so(staff, neighbours):
    response = staff.get("/schools/", {"near": "no-such-school"})
    assert response.status_code == 200
    assert list(response.context["schools"]) == []
    page = response.content.decode()
    assert "“no-such-school” is not the URN or address of a school in the directory" in page
    assert "No school matches" not in page


def test_the_default_radius_shows_as_a_chip_and_removing_the_place_removes_the_radius(
    anonymous, neighbours
):
    response = anonymous.get("/schools/?near=970001&phase=")
    tags = [(t.label, t.value, t.remove_url) for t in response.context["tags"]]
    assert ("Within", "5 km", "?") in tags
    near = next(t for t in tags if t[0].startswith("Near"))
    assert near[2] == "?"
    chosen = anonymous.get("/schools/?near=970001&within=10").context["tags"]
    assert [(t.label, t.value) for t in chosen if t.label == "Within"] == [("Within", "10 km")]
    assert next(t for t in chosen if t.label.startswith("Near")).remove_url == "?"
