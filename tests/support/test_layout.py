"""Support and resource pages sit in the base layout, with their own nav links for members."""

from tests.alliance.test_layout import assert_base_layout
from tests.factories import ResourceFactory


def test_support_and_resource_pages_use_the_layout(head, school):
    resource = ResourceFactory(title="Number talks")
    pages = {
        "/support/": "Support",
        "/support/requests/new/": "Ask for support",
        f"/support/schools/{school.slug}/": f"Support for {school.name}",
        "/resources/": "Resources",
        "/resources/new/": "Share a resource",
        resource.get_absolute_url(): "Number talks",
    }
    for url, title in pages.items():
        response = head.get(url)
        assert response.status_code == 200, url
        assert_base_layout(response.content.decode(), title)


def test_navigation_links_are_for_members_only(staff, anonymous, db):
    html = staff.get("/resources/").content.decode()
    assert '<a href="/resources/" aria-current="page">Resources</a>' in html
    assert '<a href="/support/">Support</a>' in html
    html = anonymous.get("/").content.decode()
    assert 'href="/support/"' not in html and 'href="/resources/"' not in html
