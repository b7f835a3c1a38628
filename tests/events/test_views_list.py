"""The event list: filters kept in the URL, "my events", tags, counts, empty states, queries."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    RegistrationFactory,
    SchoolFactory,
)


def soon(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def titles(response) -> list[str]:
    return [event.title for event in response.context["page_obj"]]


def test_list_shows_upcoming_events_in_date_order(anonymous, db):
    EventFactory(title="Later", starts_at=soon(20))
    EventFactory(title="Sooner", starts_at=soon(2))
    EventFactory(title="Gone", starts_at=soon(-5))
    response = anonymous.get("/events/")
    assert titles(response) == ["Sooner", "Later"]
    assert (
        'role="status" tabindex="-1">Showing 1–2 of 2 upcoming events' in response.content.decode()
    )


def test_the_public_sees_only_published_events(anonymous, staff):
    EventFactory(title="Open day")
    EventFactory(title="Heads only", is_published=False)
    assert titles(anonymous.get("/events/")) == ["Open day"]
    assert sorted(titles(staff.get("/events/"))) == ["Heads only", "Open day"]


def test_filters_by_partnership_group_and_kind(anonymous, partnership, group):
    other = PartnershipFactory(name="Other Trust")
    EventFactory(title="Alliance", partnership=partnership)
    EventFactory(title="Group", partnership=partnership, network_group=group)
    EventFactory(title="Conference", partnership=other, kind="conference")
    assert sorted(titles(anonymous.get(f"/events/?partnership={partnership.pk}"))) == [
        "Alliance",
        "Group",
    ]
    assert titles(anonymous.get(f"/events/?group={group.pk}")) == ["Group"]
    assert titles(anonymous.get("/events/?kind=conference")) == ["Conference"]


def test_partnership_and_group_are_typed_by_part_of_their_name(anonymous, partnership, group):
    EventFactory(title="Alliance", partnership=partnership)
    EventFactory(title="Group", partnership=partnership, network_group=group)
    EventFactory(title="Elsewhere", partnership=PartnershipFactory(name="Zeta Trust"))
    word = partnership.name.split()[0].lower()
    assert sorted(titles(anonymous.get(f"/events/?partnership={word}"))) == ["Alliance", "Group"]
    assert titles(anonymous.get(f"/events/?group={group.name[:4]}")) == ["Group"]
    html = anonymous.get("/events/").content.decode()
    assert "Zeta Trust" not in html.split("<main")[1].split("</form>")[0]  # no menu of names


def test_a_name_matching_several_partnerships_offers_no_single_feed(anonymous, db):
    for name in ("North Cluster", "Northgate Trust"):
        EventFactory(partnership=PartnershipFactory(name=name))
    response = anonymous.get("/events/?partnership=north")
    assert "/events/feeds/partnership/" not in response.content.decode()
    assert len(titles(response)) == 2


def test_filters_by_date_range_including_the_past(anonymous, db):
    EventFactory(title="Last month", starts_at=soon(-30))
    EventFactory(title="Next week", starts_at=soon(7))
    frm = (timezone.localdate() - datetime.timedelta(days=40)).isoformat()
    to = (timezone.localdate() - datetime.timedelta(days=20)).isoformat()
    assert titles(anonymous.get(f"/events/?date_from={frm}&date_to={to}")) == ["Last month"]


def test_a_garbled_date_filter_is_explained(anonymous, db):
    response = anonymous.get("/events/?date_from=soon")
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


@pytest.mark.parametrize(
    "query", ["date_from=0001-01-01", "date_to=9999-12-31", "date_from=1899-12-31"]
)
def test_a_date_outside_the_portals_years_is_explained(anonymous, db, query):
    response = anonymous.get(f"/events/?{query}")
    assert response.status_code == 400
    assert "Enter a date between 1 January 1900 and 31 December 2199." in response.content.decode()
    # The month view has no From and To (its month is the range): it shows this month.
    response = anonymous.get(f"/events/calendar/?{query}")
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)


def test_a_refused_date_lists_events_as_without_it(anonymous, db):
    EventFactory(title="Next week")
    response = anonymous.get("/events/?date_to=9999-12-31")
    assert response.status_code == 400
    assert titles(response) == ["Next week"]


def test_my_events_are_those_i_attend_chair_minute_or_host(staff, school):
    me = staff.person
    RegistrationFactory(event=EventFactory(title="Registered"), person=me)
    RegistrationFactory(event=EventFactory(title="Cancelled"), person=me, status="cancelled")
    EventFactory(title="Chairing", chair=me)
    EventFactory(title="Minuting", minute_taker=me)
    EventFactory(title="At my school", host_school=school)
    EventFactory(title="Someone else's")
    response = staff.get("/events/?mine=on")
    assert sorted(titles(response)) == ["At my school", "Chairing", "Minuting", "Registered"]


def test_my_events_is_not_offered_to_the_public(anonymous, db):
    EventFactory(title="Open day")
    response = anonymous.get("/events/?mine=on")
    assert titles(response) == ["Open day"]
    assert 'name="mine"' not in response.content.decode()


def test_filters_show_as_removable_tags(anonymous, partnership):
    EventFactory(partnership=partnership, kind="conference")
    response = anonymous.get(f"/events/?partnership={partnership.pk}&kind=conference")
    html = response.content.decode()
    assert "Kind: Conference" in html
    assert f'href="?partnership={partnership.pk}#result-count"' in html  # removes the kind
    assert 'href="?kind=conference#result-count"' in html  # removes the partnership
    assert ">Clear filters</a>" in html


def test_pagination_keeps_the_filters(anonymous, db):
    EventFactory.create_batch(30, kind="cpd")
    response = anonymous.get("/events/?kind=cpd")
    html = response.content.decode()
    assert "Showing 1–25 of 30 upcoming events" in html
    assert 'href="?kind=cpd&amp;page=2#result-count"' in html
    assert "Showing 26–30 of 30" in anonymous.get("/events/?kind=cpd&page=2").content.decode()


def test_empty_list_suggests_the_next_step(anonymous, coordinator, db):
    assert "Nothing is planned yet." in anonymous.get("/events/").content.decode()
    assert 'href="/events/new/"' in coordinator.get("/events/").content.decode()
    html = anonymous.get("/events/?kind=conference").content.decode()
    assert "No events match these filters." in html


def make_events(n: int, partnership, attendee=None) -> None:
    group = NetworkGroupFactory(partnership=partnership)
    for i in range(n):
        person = PersonFactory()
        event = EventFactory(
            partnership=partnership,
            network_group=group,
            host_school=SchoolFactory(),
            chair=person,
            minute_taker=PersonFactory(school=person.school),
            starts_at=soon(1 + i),
        )
        RegistrationFactory(event=event, person=attendee or PersonFactory())


@pytest.mark.parametrize("rows", [1, 30])
def test_list_queries_do_not_grow_with_rows_for_the_public(
    anonymous, partnership, rows, django_assert_num_queries
):
    """Host school, partnership and group come with each row (no query per event): the
    partnership named (for its feed link), count, page."""
    make_events(rows, partnership)
    with django_assert_num_queries(3):
        anonymous.get(f"/events/?partnership={partnership.pk}")


@pytest.mark.parametrize("rows", [1, 30])
def test_my_events_queries_do_not_grow_with_rows(
    coordinator, partnership, rows, django_assert_num_queries
):
    """ "My events" is one subquery, not a query per registration: session, user with
    their profile, "may plan events", count, page."""
    make_events(rows, partnership, attendee=coordinator.person)
    with django_assert_num_queries(5):
        response = coordinator.get("/events/?mine=on")
    assert len(response.context["page_obj"]) == min(rows, 25)


def test_a_list_filtered_to_a_group_offers_its_feed_and_planner(coordinator, staff, group):
    feed = f"webcal://testserver/events/feeds/group/{group.partnership.slug}/{group.slug}.ics"
    planner = f"/events/rota/{group.partnership.slug}/{group.slug}/"
    html = coordinator.get(f"/events/?group={group.pk}").content.decode()
    assert f'href="{feed}"' in html and f'href="{planner}"' in html
    html = staff.get(f"/events/?group={group.pk}").content.decode()
    assert f'href="{feed}"' in html and planner not in html


def test_a_list_filtered_to_a_partnership_offers_its_feed_and_planner(coordinator, partnership):
    html = coordinator.get(f"/events/?partnership={partnership.pk}").content.decode()
    assert f'href="webcal://testserver/events/feeds/partnership/{partnership.slug}.ics"' in html
    assert f'href="/events/rota/{partnership.slug}/"' in html


def test_a_link_naming_a_partnership_by_id_or_slug_shows_its_name(anonymous, partnership):
    """Links (the rota planner's "saved" redirect, bookmarks) carry a slug or an id; the box
    and the tag show the partnership's name, never "Partnership: 3"."""
    for key in (partnership.pk, partnership.slug):
        html = anonymous.get(f"/events/?partnership={key}").content.decode()
        assert f"Partnership: {partnership.name} " in html
        assert f'name="partnership" value="{partnership.name}"' in html
        assert f"Partnership: {key} " not in html


def test_a_link_naming_a_group_by_id_shows_its_and_its_partnerships_names(anonymous, group):
    partnership = group.partnership
    html = anonymous.get(f"/events/?partnership={partnership.slug}&group={group.pk}")
    html = html.content.decode()
    assert f"Network group: {group.name} " in html
    assert f"Partnership: {partnership.name} " in html
    assert f'name="group" value="{group.name}"' in html


def test_a_whole_partnership_name_names_that_partnership_alone(anonymous, partnership):
    """Typing (or submitting the shown) whole name does not also find longer names."""
    longer = PartnershipFactory(name=f"{partnership.name} North Cluster")
    EventFactory(title="Alliance", partnership=partnership)
    EventFactory(title="Cluster", partnership=longer)
    assert titles(anonymous.get(f"/events/?partnership={partnership.name}")) == ["Alliance"]
    word = partnership.name.split()[0]
    assert sorted(titles(anonymous.get(f"/events/?partnership={word}"))) == [
        "Alliance",
        "Cluster",
    ]
