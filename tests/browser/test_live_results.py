"""Results that follow typing, told to a screen reader once: one status region per page that
says the count, the header's results closed with Escape, and lists that return the focus to
their count after a filter is removed or the page changed."""

import re

from playwright.sync_api import expect

from tests.factories import SchoolFactory

# Every element a screen reader watches for changes, and a mark that survives only if the
# element itself is never replaced.
LIVE = "[role=status], [role=alert], [role=log], [aria-live]"


def _mark_live_regions(page) -> None:
    page.evaluate(
        """sel => document.querySelectorAll(sel).forEach(
            (el, i) => { el.dataset.testMark = 'before-' + i; })""",
        LIVE,
    )


def _live_regions(page) -> list[dict]:
    return page.evaluate(
        """sel => [...document.querySelectorAll(sel)].map(el => ({
            mark: el.dataset.testMark || null, text: el.textContent.trim(),
        }))""",
        LIVE,
    )


def test_typing_in_search_updates_one_status_region_and_the_address(page, db):
    SchoolFactory(name="Abbey Fields Primary School", town="Eastbridge")
    SchoolFactory(name="Abbeygate School", town="Eastbridge")
    page.goto("/search/")
    regions = _live_regions(page)
    assert len(regions) == 1, regions  # the page's one status region, there from the start
    _mark_live_regions(page)

    box = page.get_by_role("searchbox", name=re.compile("^Search schools"))
    box.press_sequentially("abbey", delay=30)
    expect(page.locator("#search-results").get_by_role("link")).to_have_count(2)
    expect(page.get_by_role("status")).to_have_text("2 results")
    # The same region, only its words changed; the results are not read out as they change.
    assert _live_regions(page) == [{"mark": "before-0", "text": "2 results"}]

    # The address follows the box: it can be shared, and back returns to these results.
    expect(page).to_have_url(re.compile(r"/search/\?q=abbey(&kind=)?$"))
    expect(page).to_have_title(re.compile("^Search: abbey - "))
    page.get_by_role("link", name="Abbeygate School").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abbeygate School")
    page.go_back()
    expect(page.get_by_role("searchbox", name=re.compile("^Search schools"))).to_have_value("abbey")
    expect(page.locator("#search-results").get_by_role("link")).to_have_count(2)


def test_the_header_box_announces_the_count_and_escape_closes_its_results(page, db):
    SchoolFactory(name="Abbey Fields Primary School", town="Eastbridge")
    page.goto("/schools/")
    _mark_live_regions(page)
    before = _live_regions(page)

    box = page.get_by_role("searchbox", name="Search the portal")
    box.press_sequentially("abbey", delay=30)
    results = page.locator("#site-search-results")
    expect(results.get_by_role("link", name="Abbey Fields Primary School")).to_be_visible()
    # The results are a list to move into, not a live region; the count is announced in a
    # region present since the page loaded.
    assert results.evaluate("el => el.closest('[aria-live], [role=status]')") is None
    after = _live_regions(page)
    assert [r["mark"] for r in after] == [r["mark"] for r in before]
    assert any(region["text"] == "1 result" for region in after), after

    results.get_by_role("link", name="Abbey Fields Primary School").focus()
    page.keyboard.press("Escape")
    expect(results).to_be_hidden()
    expect(box).to_be_focused()
    expect(box).to_have_value("abbey")  # closing the results keeps what was typed


def test_removing_a_filter_or_changing_page_focuses_the_count_and_titles_the_page(page, db):
    for n in range(25):
        SchoolFactory(name=f"Hollin Lane School {n:02}", town="Eastbridge")
    SchoolFactory(name="Castle Secondary", town="Eastbridge", phase="secondary")
    page.goto("/schools/?phase=primary&town=Eastbridge")
    expect(page).to_have_title(re.compile("^Schools: Primary, Eastbridge - "))

    page.get_by_role("link", name="Town: Eastbridge (remove this filter)").click()
    expect(page).to_have_title(re.compile("^Schools: Primary - "))
    count = page.locator("#result-count")
    expect(count).to_be_focused()
    expect(count).to_have_text("Showing 1-20 of 25 schools")

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    expect(page).to_have_title(re.compile("^Schools: Primary, page 2 - "))
    expect(count).to_be_focused()
    expect(count).to_have_text("Showing 21-25 of 25 schools")
