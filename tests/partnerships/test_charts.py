"""Bars of the at-a-glance panel: sized against the largest, in the order given."""

from partnerships.charts import bars


def test_bars_are_sized_against_the_largest_and_keep_their_order():
    result = bars([("Primary", 6), ("Secondary", 3), ("Nursery", 0)])
    assert [(b.label, b.count, b.percent) for b in result] == [
        ("Primary", 6, 100),
        ("Secondary", 3, 50),
    ]


def test_empty_categories_can_be_kept_and_all_zero_draws_no_bar():
    result = bars([("Alder Primary", 0)], keep_empty=True)
    assert [(b.label, b.count, b.percent) for b in result] == [("Alder Primary", 0, 0)]
