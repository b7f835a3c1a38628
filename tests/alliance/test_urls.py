"""Rows' links (alliance/lib/urls.py) are exactly what reverse() gives, however they are asked."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from alliance.lib.urls import reverse_row


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("people:detail", {"pk": 7}),
        ("people:detail", {"pk": 123456}),
        ("events:detail", {"pk": 1}),
        ("schools:detail", {"slug": "abbeyfield-primary"}),
        ("partnerships:detail", {"slug": "north-hub_2"}),
        ("partnerships:group", {"slug": "testbridge", "group_slug": "send-network"}),
        ("partnerships:group", {"group_slug": "send-network", "slug": "testbridge"}),
        ("events:document", {"pk": 3, "doc_pk": 9}),
    ],
)
def test_the_same_link_as_reverse(name, kwargs):
    assert reverse_row(name, **kwargs) == reverse(name, kwargs=kwargs)
    assert reverse_row(name, **kwargs) == reverse(name, kwargs=kwargs)  # from the template


def test_it_follows_the_script_prefix_of_a_portal_served_under_a_path():
    reverse_row("people:detail", pk=5)
    try:
        set_script_prefix("/alliance/")
        assert reverse_row("people:detail", pk=5) == "/alliance/people/5/"
    finally:
        set_script_prefix("/")
    assert reverse_row("people:detail", pk=5) == "/people/5/"


def test_values_reverse_would_quote_or_refuse_go_through_reverse():
    with pytest.raises(NoReverseMatch):
        reverse_row("schools:detail", slug="not a slug")
    with pytest.raises(NoReverseMatch):
        reverse_row("people:detail", pk=None)
    with pytest.raises(NoReverseMatch):
        reverse_row("people:detail", pk=-1)
    assert reverse_row("people:detail", pk="12") == "/people/12/"
