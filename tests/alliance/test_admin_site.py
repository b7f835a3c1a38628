"""The admin index: one section per app, each under a heading of its own."""

import re
from collections import Counter


def test_admin_index_shows_each_section_once(admin):
    html = admin.get("/admin/").content.decode()
    headings = re.findall(r'<a href="/admin/[^"]*" class="section"[^>]*>([^<]+)</a>', html)
    assert "Users and security" in headings
    assert [name for name, count in Counter(headings).items() if count > 1] == []
