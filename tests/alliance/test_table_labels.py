"""On a phone a data table's rows stack into cards (static/css/site.css) and each cell shows its
column's heading from its data-label; a cell without one reads as a bare value ("Eastbridge").
tests/browser/test_phone_layout.py checks the rendered pages; this catches a new table's cells
in any template, rendered by a test or not."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Cells that need no data-label, and why.
EXEMPT = {
    "partnerships/_chart.html": "a bar chart's two columns never stack",
    "events/_month_weeks.html": "on a phone each day shows its own name",
}


def unlabelled_cells() -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        # The admin's pages have the admin's stylesheet: their tables do not stack.
        if name.startswith("admin/") or name in EXEMPT:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for cell in re.findall(r"<td\b[^>]*>(?:(?!</td>).)*", line):
                labelled = "data-label=" in cell.split(">", 1)[0]
                spans_the_row = "colspan=" in cell.split(">", 1)[0]
                # A cell of form fields is labelled by its fields' own labels.
                fields = "as_field_group" in cell
                if not (labelled or spans_the_row or fields):
                    found.append(f"{name}:{number}: {cell[:60]}")
    return found


def test_every_data_table_cell_names_its_column():
    assert unlabelled_cells() == []


def test_a_cell_without_its_column_name_is_found(tmp_path, monkeypatch):
    (tmp_path / "list.html").write_text("<tr><th>Name</th><td>{{ row.town }}</td></tr>")
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    assert unlabelled_cells() == ["list.html:1: <td>{{ row.town }}"]
