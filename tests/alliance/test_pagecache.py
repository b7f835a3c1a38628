"""Pages from the shared cache: served to visitors without a session, and to the members who
see a page alike; fresh after any change; never across audiences, and never a page a member
sees as their own."""

import re

from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from alliance.lib import pagecache
from events.models import Registration
from people.models import ContactVisibility, Person
from tests.conftest import _signed_in
from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PersonFactory,
    RegistrationFactory,
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


def test_members_pages_are_rendered_as_usual_when_the_cache_fails(
    coordinator, partnership, school, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(pagecache.cache, name, broken)
    for url in ("/schools/", "/events/", school.get_absolute_url(), partnership.get_absolute_url()):
        response = coordinator.get(url)
        assert response.status_code == 200, url
    assert "New event" in coordinator.get("/events/").content.decode()


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


def test_members_share_the_school_directory_and_visitors_never_see_it(
    staff, outsider, anonymous, django_assert_max_num_queries
):
    SchoolFactory(name="Unpublished School", is_published=False)
    first = staff.get("/schools/")
    assert "Unpublished School" in first.content.decode()
    # Another member, of another school, gets the same page from the cache: the session and
    # the user are all the database is asked for.
    with django_assert_max_num_queries(2):
        again = outsider.get("/schools/")
    assert again.context is None
    assert again.content == first.content
    assert "Cookie" in again["Vary"]
    assert "Unpublished School" not in anonymous.get("/schools/").content.decode()


def test_members_get_a_saved_change_at_once(staff, school):
    staff.get("/schools/")
    school.name = "Abbeyfield Church Primary School"
    school.save()
    assert "Abbeyfield Church Primary School" in staff.get("/schools/").content.decode()


def test_admins_and_members_never_share_a_page(staff, admin):
    admin_page = admin.get("/search/?q=abbeyfield").content.decode()
    assert 'href="/admin/"' in admin_page
    member_page = staff.get("/search/?q=abbeyfield")
    assert member_page.context is not None  # rendered for members, not the admin's copy
    assert 'href="/admin/"' not in member_page.content.decode()
    assert staff.get("/search/?q=abbeyfield").context is None  # and now shared by members


def test_event_planners_and_other_members_see_their_own_event_lists(
    coordinator, outsider, django_assert_max_num_queries
):
    EventFactory(title="Maths network meeting")
    assert "New event" in coordinator.get("/events/").content.decode()
    member_page = outsider.get("/events/")
    assert member_page.context is not None
    assert "New event" not in member_page.content.decode()
    assert outsider.get("/events/").context is None
    # The planners' copy: whether this member plans is remembered with the pages, so the
    # shared page asks the database for the session and the user only.
    with django_assert_max_num_queries(2):
        assert coordinator.get("/events/").context is None


def test_a_member_made_a_chair_gets_the_planners_page_at_once(outsider, partnership):
    calendar_url = "/events/calendar/"
    assert "New event" not in outsider.get(calendar_url).content.decode()
    assert outsider.get(calendar_url).context is None
    NetworkGroupFactory(partnership=partnership, name="Science network", chair=outsider.person)
    assert "New event" in outsider.get(calendar_url).content.decode()


def test_a_list_of_my_own_events_is_never_shared(staff, outsider):
    staff.get("/events/?mine=on")
    assert outsider.get("/events/?mine=on").context is not None
    assert staff.get("/events/?mine=on").context is not None


def test_a_school_page_is_shared_by_standing_at_the_school(head, editor, staff, outsider, school):
    url = school.get_absolute_url()
    head_page = head.get(url).content.decode()
    assert "Edit this profile" in head_page and "Invite staff" in head_page
    editor_page = editor.get(url).content.decode()
    assert "Edit this profile" in editor_page and "Invite staff" not in editor_page
    staff_page = staff.get(url)
    assert staff_page.context is not None  # not the editor's copy
    assert "Edit this profile" not in staff_page.content.decode()
    assert outsider.get(url).context is None  # a member of another school: the same page
    assert head.get(url).context is None


def test_a_new_editor_gets_the_edit_button_at_once(staff, school):
    url = school.get_absolute_url()
    assert "Edit this profile" not in staff.get(url).content.decode()
    school.editors.add(staff.person)
    assert "Edit this profile" in staff.get(url).content.decode()


def test_a_demoted_admin_loses_the_admin_pages_at_once(admin, school):
    url = school.get_absolute_url()
    assert "Edit this profile" in admin.get(url).content.decode()
    admin.user.is_staff = admin.user.is_superuser = False
    admin.user.save()  # an account, not content: no page is refreshed, the audience changes
    assert "Edit this profile" not in admin.get(url).content.decode()


def test_a_partnership_page_is_shared_by_whose_contacts_a_member_may_see(
    coordinator, staff, outsider, partnership
):
    """The coordinator shows their e-mail to their own school only."""
    coordinator.person.contact_visibility = ContactVisibility.SCHOOL
    coordinator.person.save()
    email = coordinator.person.email
    url = partnership.get_absolute_url()
    assert "Add a member school" in coordinator.get(url).content.decode()
    colleague_page = staff.get(url)
    assert colleague_page.context is not None  # not the coordinator's copy
    assert email in colleague_page.content.decode()
    assert "Add a member school" not in colleague_page.content.decode()
    stranger_page = outsider.get(url)
    assert stranger_page.context is not None  # not the colleague's copy
    assert email not in stranger_page.content.decode()
    assert outsider.get(url).context is None and staff.get(url).context is None


def test_a_page_is_rendered_by_the_answers_its_audience_was_named_by(
    coordinator, outsider, partnership, school, other_school
):
    """A change that bypasses the signals leaves a member's kept answers stale for a while:
    the page stored for their audience must still be the one that audience may see."""
    from tests.conftest import _signed_in

    coordinator.person.contact_visibility = ContactVisibility.SCHOOL
    coordinator.person.save()
    email = coordinator.person.email
    url = partnership.get_absolute_url()
    assert email not in outsider.get(url).content.decode()
    # The outsider moves to the coordinator's school by a bulk update (an import, say).
    Person.objects.filter(pk=outsider.person.pk).update(school=school)
    moved = outsider.get(f"{url}?from=home")  # a page not cached yet, their answers kept
    assert email not in moved.content.decode()
    stranger = _signed_in(PersonFactory(school=other_school))
    assert email not in stranger.get(f"{url}?from=home").content.decode()


def test_a_coordinator_who_hides_their_contacts_is_hidden_at_once(coordinator, staff, partnership):
    url = partnership.get_absolute_url()
    assert coordinator.person.email in staff.get(url).content.decode()
    coordinator.person.contact_visibility = ContactVisibility.ADMINS
    coordinator.person.save()
    assert coordinator.person.email not in staff.get(url).content.decode()


def test_a_group_page_is_shared_by_members_but_not_with_its_chair(chair, staff, outsider):
    url = chair.group.get_absolute_url()
    assert "Edit the group" in chair.get(url).content.decode()
    member_page = staff.get(url)
    assert member_page.context is not None  # not the chair's copy
    assert "Edit the group" not in member_page.content.decode()
    assert outsider.get(url).context is None
    assert chair.get(url).context is None


def test_a_person_page_is_shared_by_what_it_shows_to_whom(head, staff, outsider, school):
    colleague = PersonFactory(school=school, contact_visibility=ContactVisibility.SCHOOL)
    url = colleague.get_absolute_url()
    head_page = head.get(url).content.decode()
    assert "Edit profile" in head_page and colleague.email in head_page
    staff_page = staff.get(url)
    assert staff_page.context is not None  # not the headteacher's copy
    assert "Edit profile" not in staff_page.content.decode()
    assert colleague.email in staff_page.content.decode()
    outsider_page = outsider.get(url)
    assert outsider_page.context is not None  # not the colleague's copy
    assert colleague.email not in outsider_page.content.decode()
    assert outsider.get(url).context is None and staff.get(url).context is None


def test_a_person_page_is_its_owners_own(staff, outsider):
    staff.person.contact_visibility = ContactVisibility.ADMINS
    staff.person.save()
    url = staff.person.get_absolute_url()
    assert "Edit my profile" in staff.get(url).content.decode()
    assert staff.person.email in staff.get(url).content.decode()
    other_view = outsider.get(url).content.decode()
    assert "Edit my profile" not in other_view and staff.person.email not in other_view


def test_person_pages_are_for_members_only(anonymous, staff):
    url = staff.person.get_absolute_url()
    staff.get(url)
    assert anonymous.get(url).status_code == 302  # to sign in


def test_colleagues_in_the_same_partnerships_and_groups_share_a_home_page(
    staff, outsider, chair, school
):
    colleague = _signed_in(
        PersonFactory(school=school, preferred_name="Kit", last_name="Colleague")
    )
    staff_page = staff.get("/").content.decode()
    served = colleague.get("/")
    assert served.context is None  # the page first rendered for the other member
    assert "Welcome, Kit Colleague." in served.content.decode()
    assert staff.person.display_name not in served.content.decode()
    assert served.content.decode().replace("Kit Colleague", staff.person.display_name) == staff_page
    # A member elsewhere, or one who chairs a group, has a home page of their own.
    outsider_page = outsider.get("/")
    assert outsider_page.context is not None
    assert "Brookside Primary School" in outsider_page.content.decode()
    chair_page = chair.get("/")
    assert chair_page.context is not None
    assert "SEND network" in chair_page.content.decode()
    assert "SEND network" not in colleague.get("/").content.decode()


def test_an_admin_never_shares_a_members_home_page(admin):
    member = _signed_in(PersonFactory(school=None, preferred_name="Sam", last_name="Unattached"))
    assert "Welcome, Sam Unattached." in member.get("/").content.decode()
    admin_page = admin.get("/")
    assert admin_page.context is not None  # same answers, but an admin's header
    assert "/admin/" in admin_page.content.decode()


def test_a_member_with_a_message_waiting_sees_it(staff):
    staff.get("/schools/")
    # The message a saved form leaves for the next page, as the browser brings it back.
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your profile is saved.")
    carrier = HttpResponse()
    storage.update(carrier)
    staff.cookies["messages"] = carrier.cookies["messages"].value
    assert "Your profile is saved." in staff.get("/schools/").content.decode()
    assert "Your profile is saved." not in staff.get("/schools/").content.decode()  # once only


def test_members_pages_are_not_shared_when_the_setting_is_zero(staff, outsider, settings):
    settings.MEMBER_PAGE_CACHE_SECONDS = 0
    staff.get("/schools/")
    assert outsider.get("/schools/").context is not None


# Holes: what differs within an audience by value ---------------------------------------------


def _row(page: str, person) -> str:
    """The directory's table row for `person`."""
    start = page.index(person.get_absolute_url())
    return page[start : page.index("</tr>", start)]


def test_members_share_the_people_directory_each_with_the_contacts_shown_to_them(
    staff, outsider, school
):
    colleague = PersonFactory(
        school=school, last_name="Colleague", contact_visibility=ContactVisibility.SCHOOL
    )
    everyone = PersonFactory(last_name="Everyone", contact_visibility=ContactVisibility.ALLIANCE)
    staff_page = staff.get("/people/").content.decode()
    assert colleague.email in _row(staff_page, colleague)
    served = outsider.get("/people/")
    assert served.context is None  # the page the member at the colleague's school was given
    outsider_page = served.content.decode()
    assert colleague.email not in outsider_page
    assert "Not shared" in _row(outsider_page, colleague)
    assert everyone.email in _row(outsider_page, everyone)


def test_a_member_sees_their_own_contacts_on_the_shared_directory(staff, outsider):
    for client in (staff, outsider):
        client.person.contact_visibility = ContactVisibility.ADMINS
        client.person.save()
    staff_page = staff.get("/people/").content.decode()
    outsider_page = outsider.get("/people/").content.decode()
    assert staff.person.email in staff_page and outsider.person.email not in staff_page
    assert outsider.person.email in outsider_page and staff.person.email not in outsider_page


def test_admins_see_every_contact_and_never_share_the_members_directory(admin, staff, outsider):
    outsider.person.contact_visibility = ContactVisibility.ADMINS
    outsider.person.save()
    assert outsider.person.email not in staff.get("/people/").content.decode()
    admin_page = admin.get("/people/")
    assert admin_page.context is not None
    assert outsider.person.email in admin_page.content.decode()


def test_text_a_member_typed_is_never_filled_as_a_hole(staff, outsider):
    """A marker's nonce is random for each stored page: a name that looks like one stays."""
    staff.get("/people/")
    lookalike = "{{hole:0123456789abcdef0123456789abcdef:0}}"
    PersonFactory(last_name="Lookalike", job_title=lookalike)
    assert lookalike in outsider.get("/people/").content.decode()


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_members_share_an_event_page_each_with_their_own_working_csrf_token(staff, outsider):
    event = EventFactory()
    for client in (staff, outsider):
        client.handler.enforce_csrf_checks = True
    first = staff.get(event.get_absolute_url())
    served = outsider.get(event.get_absolute_url())
    assert served.context is None  # the page first rendered for the other member
    tokens = [CSRF_FIELD.search(page.content.decode()).group(1) for page in (first, served)]
    assert tokens[0] != tokens[1]
    assert "{{hole:" not in served.content.decode()
    for client, token in zip((staff, outsider), tokens, strict=True):
        url = f"/events/{event.pk}/register/"
        assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
        assert Registration.objects.filter(event=event, person=client.person).exists()
    # Without a token, or with none of theirs, the form is refused as ever.
    assert staff.post(f"/events/{event.pk}/cancel/").status_code == 403


def test_an_event_page_is_shared_by_what_it_shows_to_whom(
    coordinator, staff, outsider, partnership
):
    event = EventFactory(partnership=partnership)
    RegistrationFactory(event=event, person=staff.person, status=Registration.Status.CONFIRMED)
    url = event.get_absolute_url()
    assert "Edit event" in coordinator.get(url).content.decode()
    staff_page = staff.get(url)
    assert staff_page.context is not None  # not the organiser's copy
    assert "You are registered." in staff_page.content.decode()
    assert "Edit event" not in staff_page.content.decode()
    outsider_page = outsider.get(url)
    assert outsider_page.context is not None  # not the registered member's copy
    assert "You are registered." not in outsider_page.content.decode()
    assert ">Register</button>" in outsider_page.content.decode()


def test_a_page_stored_by_an_older_release_is_rendered_afresh(staff, monkeypatch):
    """Holes whose facts an upgrade reads otherwise (or whose kind it dropped) are not filled
    wrong or answered with an error: the page is rendered as if it were not stored."""
    stale = pagecache._Holes()
    stale.facts.append(("a-kind-since-removed", ()))
    old_page = HttpResponse(f"{{{{hole:{stale.nonce}:0}}}}")
    get = pagecache.cache.get

    def stored_by_the_old_release(key, *args, **kwargs):
        return (old_page, stale) if key.startswith("shared-pages:") else get(key, *args, **kwargs)

    monkeypatch.setattr(pagecache.cache, "get", stored_by_the_old_release)
    response = staff.get("/people/")
    assert response.status_code == 200
    assert response.context is not None
    assert "<h1>People</h1>" in response.content.decode()
