"""Public pages from the shared cache: served to visitors without a session, fresh after any
committed change; never a page for anyone with a session."""

import re

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from alliance.lib import pagecache
from events.models import Registration
from people.models import Person
from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PersonFactory,
    SchoolFactory,
)


def test_a_visitor_gets_the_second_view_of_a_page_from_the_cache(
    anonymous, school, django_assert_num_queries
):
    first = anonymous.get(school.get_absolute_url())
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = anonymous.get(school.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content
    # Signed-in users get other pages at the same URL: no cache downstream may mix them up.
    assert "Cookie" in again["Vary"]


def test_a_saved_change_is_shown_to_the_next_visitor_at_once(anonymous, school):
    assert "Abbeyfield Primary School" in anonymous.get("/schools/").content.decode()
    school.name = "Abbeyfield Church Primary School"
    school.save()
    assert "Abbeyfield Church Primary School" in anonymous.get("/schools/").content.decode()


def test_a_new_link_between_rows_refreshes_the_pages(anonymous, partnership):
    group = NetworkGroupFactory(partnership=partnership, name="Maths network")
    url = group.get_absolute_url()
    anonymous.get(url)
    assert anonymous.get(url).context is None  # from the cache
    group.members.add(PersonFactory())  # m2m_changed, not a save of the group
    assert anonymous.get(url).context is not None  # rendered again


def test_a_deleted_row_disappears_at_once(anonymous, db):
    gone = SchoolFactory(name="Closing Soon School")
    assert "Closing Soon School" in anonymous.get("/schools/").content.decode()
    gone.delete()
    assert "Closing Soon School" not in anonymous.get("/schools/").content.decode()


def test_a_members_page_is_never_shown_to_visitors(staff, anonymous, db):
    hidden = SchoolFactory(name="Unpublished School", is_published=False)
    assert staff.get(hidden.get_absolute_url()).status_code == 200
    assert anonymous.get(hidden.get_absolute_url()).status_code == 404


def test_a_member_is_greeted_by_their_name_as_it_is_now(staff):
    assert staff.get("/").status_code == 200
    # A change that bypasses the signals: the shared page's greeting is a hole, filled afresh.
    Person.objects.filter(pk=staff.person.pk).update(preferred_name="Renamed Quietly")
    assert f"Welcome, Renamed Quietly {staff.person.last_name}." in staff.get("/").content.decode()


def test_a_visitor_with_a_session_is_not_served_from_the_cache(anonymous, school):
    anonymous.get(school.get_absolute_url())
    anonymous.cookies["sessionid"] = "a-session-with-a-message-in-it"
    response = anonymous.get(school.get_absolute_url())
    assert response.status_code == 200
    assert response.context is not None  # rendered, not a cached copy


def test_a_page_that_hands_out_a_csrf_token_is_not_stored(db):
    calls = []

    @pagecache.public_page
    def view(request):
        calls.append(request)
        return HttpResponse(get_token(request))

    factory = RequestFactory()
    first = view(factory.get("/with-a-form/"))
    second = view(factory.get("/with-a-form/"))
    assert len(calls) == 2
    assert first.content != second.content  # each visitor their own token


def test_the_page_is_rendered_as_usual_when_the_cache_fails(anonymous, school, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(pagecache.cache, "get", broken)
    monkeypatch.setattr(pagecache.cache, "incr", broken)
    response = anonymous.get(school.get_absolute_url())
    assert response.status_code == 200
    Person.objects.create(first_name="Saved", last_name="Anyway")  # a write still succeeds


def test_no_cache_when_the_setting_is_zero(anonymous, school, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    anonymous.get(school.get_absolute_url())
    assert anonymous.get(school.get_absolute_url()).context is not None


def test_each_host_and_each_htmx_fragment_is_cached_apart(anonymous, school, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org", "other.example.org"]
    page = anonymous.get("/schools/", headers={"host": "portal.example.org"})
    fragment = anonymous.get(
        "/schools/", headers={"host": "portal.example.org", "HX-Request": "true"}
    )
    assert fragment.content != page.content
    other = anonymous.get("/schools/", headers={"host": "other.example.org"})
    assert other.context is not None  # rendered for its own host, not the first one's copy


# Members ------------------------------------------------------------------------------------


def _stored_pages() -> list[str]:
    # The test cache is Django's local-memory cache: its keys are "<prefix>:<version>:<key>".
    return [
        key for key in pagecache.cache._cache if ":public-pages:" in key and "generation" not in key
    ]


def test_nothing_a_member_sees_is_ever_stored(
    staff, coordinator, admin, school, partnership, anonymous
):
    event = EventFactory(partnership=partnership, host_school=school)
    group = NetworkGroupFactory(partnership=partnership)
    urls = [
        "/",
        "/schools/",
        school.get_absolute_url(),
        "/people/",
        staff.person.get_absolute_url(),
        partnership.get_absolute_url(),
        group.get_absolute_url(),
        "/events/",
        "/events/calendar/",
        event.get_absolute_url(),
        "/search/?q=primary",
    ]
    for client in (staff, coordinator, admin):
        for url in urls:
            first, again = client.get(url), client.get(url)
            assert first.status_code == again.status_code == 200, url
            assert again.context is not None, url  # rendered for this request
            assert "Cookie" in again["Vary"], url
    assert _stored_pages() == []
    anonymous.get(school.get_absolute_url())
    assert len(_stored_pages()) == 1  # the visitors' page, and only that


def test_a_member_sees_a_change_that_bypassed_the_signals_at_once(staff, school):
    assert staff.get("/").status_code == 200
    Person.objects.filter(pk=staff.person.pk).update(preferred_name="Renamed Quietly")
    assert f"Welcome, Renamed Quietly {staff.person.last_name}." in staff.get("/").content.decode()


def test_each_member_gets_their_own_working_csrf_token(staff, outsider, school, settings):
    event = EventFactory(host_school=school, capacity=None)
    pages = [client.get(event.get_absolute_url()) for client in (staff, outsider)]
    tokens = [
        re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
        for page in pages
    ]
    assert tokens[0] != tokens[1]
    staff.handler.enforce_csrf_checks = True
    registered = staff.post(
        f"/events/{event.pk}/register/", {"csrfmiddlewaretoken": tokens[0].decode()}
    )
    assert registered.status_code == 302
    assert Registration.objects.filter(event=event, person=staff.person).exists()


# Freshness: a page is never stored from rows about to change -------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_public_page_rendered_before_a_commit_is_never_served_after_it(anonymous, school):
    """A visitor's request that reads the rows while another request's change is still inside
    its transaction renders the old rows; whatever generation it stores that page under, the
    commit moves the generation past it."""
    url = school.get_absolute_url()
    with transaction.atomic():
        school.name = "Renamed Before Commit"
        school.save()  # the signal: the generation moves on at once
        # Another visitor's request, between the write and its commit, stores a page built
        # from the row as it was (as PostgreSQL would show it to them).
        stale = HttpResponse(b"<h1>Abbeyfield Primary School</h1>")
        pagecache.cache.set(
            pagecache._key(RequestFactory().get(url), pagecache._generation()), stale, 60
        )
    assert b"Renamed Before Commit" in anonymous.get(url).content


def test_a_transaction_of_many_rows_moves_the_generation_on_once_at_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for number in range(5):
            SchoolFactory(name=f"Bulk School {number}")
    assert len(callbacks) == 1
