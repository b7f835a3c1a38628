"""The suite-wide N+1 detector (tests/conftest.py) catches a query per row."""

import pytest

from tests.factories import SchoolFactory


@pytest.mark.urls("tests.alliance.nplusone_urls")
def test_a_page_running_a_query_per_row_fails(client, db):
    SchoolFactory.create_batch(3)
    assert client.get("/bad/").status_code == 200  # three rows: under the limit
    SchoolFactory.create_batch(5)
    with pytest.raises(AssertionError, match="N\\+1 queries on GET /bad/"):
        client.get("/bad/")
