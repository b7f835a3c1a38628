"""The suite-wide N+1 detector (tests/conftest.py) catches a query per row."""

import pytest

from tests.factories import SchoolFactory


def test_a_page_running_a_query_per_row_fails(client, db, settings):
    SchoolFactory.create_batch(3)
    settings.ROOT_URLCONF = "tests.alliance.nplusone_urls"
    assert client.get("/bad/").status_code == 200  # three rows: under the limit
    settings.ROOT_URLCONF = "alliance.urls"
    SchoolFactory.create_batch(5)
    settings.ROOT_URLCONF = "tests.alliance.nplusone_urls"
    with pytest.raises(AssertionError, match="N\\+1 queries on GET /bad/"):
        client.get("/bad/")
