"""Chair and minute-taker offer the people of the event's schools, each named with their school,
and refuse anyone else."""

import pytest

from events.models import Event
from tests.events.test_views_edit import form_for
from tests.factories import (
    EventFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
)


@pytest.fixture
def elsewhere(db, coordinator):
    """A second partnership the coordinator also coordinates, with a school and its teacher."""
    partnership = PartnershipFactory(name="Riverside Cluster", slug="riverside-cluster")
    school = SchoolFactory(name="Eastbridge Primary", slug="eastbridge-primary")
    MembershipFactory(school=school, partnership=partnership, coordinator=coordinator.person)
    return PersonFactory(first_name="Ann", last_name="Outside", school=school)


@pytest.fixture
def colleague(school):
    return PersonFactory(first_name="Ann", last_name="Example", school=school)


def _options(response, field: str) -> list[str]:
    return [label for _, label in response.context["form"].fields[field].choices if _ != ""]


def test_edit_form_offers_only_the_partnerships_people_with_their_school(
    coordinator, event, colleague, elsewhere
):
    response = coordinator.get(f"/events/{event.pk}/edit/")
    for field in ("chair", "minute_taker"):
        options = _options(response, field)
        assert "Ann Example (Abbeyfield Primary School)" in options
        assert not any("Ann Outside" in label for label in options)
    assert "Ann Example (Abbeyfield Primary School)" in response.content.decode()


def test_group_event_offers_the_groups_partnership_schools(
    coordinator, group, colleague, elsewhere
):
    event = EventFactory(partnership=group.partnership, network_group=group)
    options = _options(coordinator.get(f"/events/{event.pk}/edit/"), "chair")
    assert "Ann Example (Abbeyfield Primary School)" in options
    assert not any("Ann Outside" in label for label in options)


def test_host_schools_people_are_offered(coordinator, event, elsewhere):
    event.host_school = elsewhere.school
    event.save(update_fields=["host_school"])
    options = _options(coordinator.get(f"/events/{event.pk}/edit/"), "minute_taker")
    assert "Ann Outside (Eastbridge Primary)" in options


def test_new_event_without_a_partnership_offers_everyone_the_user_organises_for(
    coordinator, colleague, elsewhere
):
    options = _options(coordinator.get("/events/new/"), "chair")
    assert "Ann Example (Abbeyfield Primary School)" in options
    assert "Ann Outside (Eastbridge Primary)" in options


def test_choosing_someone_outside_the_events_schools_is_refused(
    coordinator, partnership, event, elsewhere
):
    data = form_for(partnership, title="Renamed", chair=elsewhere.pk)
    response = coordinator.post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 400
    assert "Choose someone from the schools of the event" in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Maths network meeting" and event.chair is None


def test_choosing_someone_from_the_events_schools_is_saved(
    coordinator, partnership, event, colleague
):
    data = form_for(partnership, chair=colleague.pk, host_school=event.host_school_id)
    response = coordinator.post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).chair == colleague


def test_a_chair_already_named_stays_offered(coordinator, event, elsewhere):
    event.chair = elsewhere
    event.save(update_fields=["chair"])
    options = _options(coordinator.get(f"/events/{event.pk}/edit/"), "chair")
    assert "Ann Outside (Eastbridge Primary)" in options


@pytest.mark.parametrize("people", [1, 30])
def test_edit_form_queries_do_not_grow_with_people(
    coordinator, event, school, people, django_assert_num_queries
):
    """Each option names the person's school: joined in the one query for the people, not
    one query per option."""
    PersonFactory.create_batch(people, school=school)
    # Session, user, the event (with whether the user organises it), and the menus:
    # partnerships, groups, schools and people. 6 with sessions read from the cache.
    with django_assert_num_queries(7):
        assert coordinator.get(f"/events/{event.pk}/edit/").status_code == 200
