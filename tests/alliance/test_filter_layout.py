"""The shared filter layout (templates/_filter_fields.html): the school and people directories,
the events list and resources fold their filters into one <details> panel, shut until asked
for on a phone (the stylesheet opens it on a desktop), with the filters in use as chips outside
it, and open when a filter was refused so its message is seen."""

import re

import pytest

pytestmark = pytest.mark.django_db

PANEL = re.compile(r'<details class="filter-panel"( open)?>(.*?)</details>', re.S)


@pytest.mark.parametrize("path", ["/schools/", "/people/", "/events/", "/resources/"])
def test_every_list_folds_its_filters_in_one_panel(staff, path):
    html = staff.get(path).content.decode()
    [(opened, panel)] = PANEL.findall(html)
    assert opened == ""
    assert "<summary>" in panel and "Show filters" in panel
    assert panel.count('<div class="field">') >= 4


def test_the_search_box_and_the_chips_stay_outside_the_panel(staff):
    html = staff.get("/schools/", {"q": "Abbey", "phase": "primary"}).content.decode()
    [(opened, panel)] = PANEL.findall(html)
    assert 'name="phase"' in panel
    assert 'name="q"' not in panel
    assert html.index("</details>") < html.index('class="filter-tag">Phase: Primary <span')


def test_a_refused_filter_opens_the_panel_to_show_why(staff):
    html = staff.get("/events/", {"date_from": "not a date"}).content.decode()
    [(opened, panel)] = PANEL.findall(html)
    assert opened == " open"
    assert 'class="errorlist"' in panel
