"""Every page extends the base layout: landmarks, a skip link, navigation, footer, title."""

import html as htmllib
import re

import pytest
from django.contrib.messages import constants, get_messages

from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory


@pytest.fixture
def pages(school, partnership):
    group = NetworkGroupFactory(partnership=partnership, name="SEND network", slug="send-network")
    event = EventFactory(title="SEND network meeting", network_group=group, host_school=school)
    person = PersonFactory(school=school)
    return {
        "/": "Home",
        "/schools/": "Schools",
        school.get_absolute_url(): school.name,
        "/people/": "People",
        person.get_absolute_url(): person.display_name,
        "/partnerships/": "Partnerships",
        partnership.get_absolute_url(): partnership.name,
        group.get_absolute_url(): group.name,
        "/events/": "Events",
        event.get_absolute_url(): event.title,
    }


ACCOUNT_PAGES = {"/accounts/login/": "Sign in", "/accounts/password/reset/": "Reset your password"}


def assert_base_layout(html: str, title: str) -> None:
    assert '<html lang="en-GB">' in html
    assert re.search(r'<a class="skip-link" href="#main">', html)
    assert '<header class="site-header">' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<main id="main"' in html
    assert '<footer class="site-footer">' in html
    # Browsers collapse white space in titles; allauth's templates leave some in.
    page_title = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    page_title = htmllib.unescape(page_title)
    assert page_title == f"{title} - Alliance Portal"
    assert "/static/css/site.css" in html
    # htmx loads once, configured once (a second copy re-binds every element twice).
    assert len(re.findall(r"<script[^>]+htmx[^>]*\.js", html)) == 1
    assert html.count('name="htmx-config"') == 1


def test_every_page_renders_in_the_base_layout(staff, pages):
    for url, title in pages.items():
        response = staff.get(url)
        assert response.status_code == 200, url
        assert_base_layout(response.content.decode(), title)


def test_account_pages_render_in_the_base_layout(anonymous, db):
    for url, title in ACCOUNT_PAGES.items():
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert_base_layout(response.content.decode(), title)


def test_navigation_marks_the_current_section(staff, pages):
    html = staff.get("/schools/").content.decode()
    assert '<a href="/schools/" aria-current="page">Schools</a>' in html
    assert '<a href="/events/">Events</a>' in html


def test_anonymous_visitor_is_sent_to_sign_in_for_people(anonymous, pages):
    response = anonymous.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    html = anonymous.get("/").content.decode()
    assert 'href="/people/"' not in html
    assert "Sign in" in html


def test_not_found_page_uses_the_layout(staff, settings):
    settings.DEBUG = False
    response = staff.get("/schools/no-such-school/")
    assert response.status_code == 404
    assert_base_layout(response.content.decode(), "Page not found")


def test_messages_are_shown_after_a_redirect(admin, school):
    # Django admin saves through the messages framework; the portal layout shows them too.
    response = admin.post("/accounts/logout/")
    assert response.status_code == 302
    messages = list(get_messages(response.wsgi_request))
    assert messages and messages[0].level == constants.SUCCESS


def test_static_css_is_served(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b".skip-link" in b"".join(response.streaming_content)


def test_page_not_found_for_an_unknown_address_uses_the_layout(anonymous, settings, db):
    settings.DEBUG = False
    response = anonymous.get("/no/such/page/")
    assert response.status_code == 404
    assert_base_layout(response.content.decode(), "Page not found")
