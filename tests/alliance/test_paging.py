"""Capped pagination: bounded counts and bounded offsets, with honest summaries."""

import pytest

from alliance.lib.paging import CappedPaginator, page_summary
from schools.models import School
from tests.factories import SchoolFactory


@pytest.fixture
def schools(db):
    return SchoolFactory.create_batch(23)


def test_counts_everything_below_the_cap(schools):
    paginator = CappedPaginator(School.objects.order_by("pk"), 10, cap=100)
    assert paginator.count == 23
    assert not paginator.is_capped
    assert paginator.num_pages == 3
    assert page_summary(paginator.get_page(2)) == "Showing 11-20 of 23"
    assert page_summary(paginator.get_page(3)) == "Showing 21-23 of 23"


def test_stops_counting_at_the_cap(schools, django_assert_num_queries):
    paginator = CappedPaginator(School.objects.order_by("pk"), 5, cap=12)
    with django_assert_num_queries(1):
        assert paginator.count == 13  # "more than 12"
    assert paginator.is_capped
    assert paginator.num_pages == 3
    last = paginator.get_page(99)  # beyond the cap: the last page inside it
    assert last.number == 3
    assert len(list(last.object_list)) == 2  # rows 11-12, never row 13
    assert page_summary(last) == "Showing 11-12 of 12+"
    assert page_summary(paginator.get_page(1)) == "Showing 1-5 of 12+"


def test_empty_result(db):
    paginator = CappedPaginator(School.objects.order_by("pk"), 5)
    page = paginator.get_page(1)
    assert list(page) == []
    assert page_summary(page) == "No results"


def test_one_query_for_the_keys_and_one_for_the_page(schools, django_assert_num_queries):
    """The filters and the sort run once: the count and every page come from the same keys."""
    paginator = CappedPaginator(School.objects.order_by("-pk"), 5, cap=12)
    with django_assert_num_queries(2):
        first = paginator.get_page(1)
        assert paginator.count == 13
    with django_assert_num_queries(1):
        second = paginator.get_page(2)
    expected = list(School.objects.order_by("-pk").values_list("pk", flat=True))
    assert [school.pk for school in first] == expected[:5]
    assert [school.pk for school in second] == expected[5:10]


def test_page_rows_come_from_rows_in_the_order_of_the_keys(schools):
    """`rows` supplies the page's columns; which rows, and their order, are the keys'."""
    wanted = School.objects.filter(pk__in=[s.pk for s in schools[:7]]).order_by("-name", "pk")
    paginator = CappedPaginator(wanted, 5, rows=School.objects.only("name"))
    page = paginator.get_page(2)
    assert [school.pk for school in page] == list(wanted.values_list("pk", flat=True))[5:]
    assert page_summary(page) == "Showing 6-7 of 7"


def test_counted_apart_the_count_stops_at_the_cap_and_a_page_reads_keys_to_its_end(
    schools, django_assert_num_queries
):
    """count_apart: the count is its own query (stopping at cap + 1), and each page reads the
    keys in order only as far as its own last row."""
    ordered = School.objects.order_by("-name", "pk")
    expected = list(ordered.values_list("pk", flat=True))
    paginator = CappedPaginator(ordered, 5, cap=12, count_apart=True)
    with django_assert_num_queries(3):  # the count, the first page's keys, its rows
        first = paginator.get_page(1)
    assert paginator.count == 13
    assert [school.pk for school in first] == expected[:5]
    assert page_summary(first) == "Showing 1-5 of 12+"
    with django_assert_num_queries(2):  # the count is kept
        last = paginator.get_page(99)
    assert last.number == 3
    assert [school.pk for school in last] == expected[10:12]
    assert page_summary(last) == "Showing 11-12 of 12+"


def test_counted_apart_below_the_cap_and_with_nothing_to_show(schools):
    few = School.objects.filter(pk__in=[s.pk for s in schools[:7]]).order_by("pk")
    paginator = CappedPaginator(few, 5, count_apart=True)
    assert paginator.count == 7
    assert not paginator.is_capped
    assert [school.pk for school in paginator.get_page(2)] == [s.pk for s in schools[5:7]]
    none = CappedPaginator(School.objects.none(), 5, count_apart=True).get_page(1)
    assert list(none) == []
    assert page_summary(none) == "No results"
