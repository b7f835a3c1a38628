"""Schools near a school: within a radius, nearest first."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from registers.importer import import_register
from schools.models import School
from schools.nearby import filter_near, haversine_km, near_queryset, schools_near
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def at(name, lat, lon):
    return SchoolFactory(name=name, latitude=Decimal(lat), longitude=Decimal(lon))


def test_haversine_london_to_paris():
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1)


def test_schools_near_are_within_the_radius_sorted_by_distance():
    here = at("Here", "52.600000", "-1.200000")
    at("Two km north", "52.618000", "-1.200000")
    at("One km east", "52.600000", "-1.185000")
    at("Box corner, 6.5 km away", "52.641000", "-1.140000")  # inside the 5 km box, outside 5 km
    at("Far", "53.600000", "-1.200000")
    SchoolFactory(name="Nowhere")  # no coordinates
    nearby = schools_near(here, 5)
    assert [near.school.name for near in nearby] == ["One km east", "Two km north"]
    assert nearby[0].km == pytest.approx(1.02, abs=0.05)
    assert [n.school.name for n in schools_near((52.6, -1.2), 2.5)] == [
        "Here",
        "One km east",
        "Two km north",
    ]


def test_directory_filter_narrows_a_queryset_nearest_first(django_assert_num_queries):
    here = at("Here", "52.600000", "-1.200000")
    at("Two km north", "52.618000", "-1.200000")
    at("One km east", "52.600000", "-1.185000")
    at("Far", "53.600000", "-1.200000")
    with django_assert_num_queries(2):
        names = list(near_queryset(School.objects.all(), here, 5).values_list("name", flat=True))
    assert names == ["One km east", "Two km north"]
    assert not near_queryset(School.objects.all(), SchoolFactory(), 5).exists()


def test_partial_lists_nearby_schools_with_links(sample_text, django_assert_num_queries):
    """The partial costs one query whatever the number of schools nearby."""
    import_register(text=sample_text(), dry_run=False)
    school = School.objects.get(urn="990001")
    template = Template("{% load registers %}{% schools_near_list school 5 %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"school": school}))
    assert "Schools within 5 km" in html
    assert html.index("Castle Mead Infant School") < html.index("Beacon Hill Primary School")
    assert "Westmere Primary School" not in html  # about 20 km away
    assert School.objects.get(urn="990002").get_absolute_url() in html


def test_partial_explains_a_school_without_a_location():
    school = SchoolFactory(name="Unplaced School")
    html = Template("{% load registers %}{% schools_near_list school %}").render(
        Context({"school": school})
    )
    assert "We do not know where Unplaced School is yet" in html


def test_directory_filter_takes_a_slug_a_urn_or_coordinates():
    here = at("Here", "52.600000", "-1.200000")
    at("One km east", "52.600000", "-1.185000")
    at("Far", "53.600000", "-1.200000")
    by_slug = filter_near(School.objects.all(), here.slug, 3)
    assert [s.name for s in by_slug] == ["One km east"]
    assert [s.name for s in filter_near(School.objects.all(), here.urn, 3)] == ["One km east"]
    by_point = filter_near(School.objects.all(), "52.6,-1.2", 3)
    assert [s.name for s in by_point] == ["Here", "One km east"]
    assert not filter_near(School.objects.all(), "no-such-school", 3).exists()
    assert not filter_near(School.objects.all(), "95,-1.2", 3).exists()
    assert not filter_near(School.objects.all(), "north,south", 3).exists()
