"""Groups as they run: dated membership, several chairs with the chair's rights through one
rule, and objectives with progress notes that the heads of member schools read."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from events.rules import can_plan_events
from partnerships.group_services import group_chairs_set, objective_add, objective_note_add
from partnerships.models import (
    Cadence,
    GroupChair,
    GroupMembership,
    GroupObjective,
    NetworkGroup,
    ObjectiveNote,
)
from partnerships.rules import can_coordinate_group, chaired_groups
from tests.conftest import sign_in
from tests.factories import MembershipFactory, NetworkGroupFactory, PersonFactory, SchoolFactory

TODAY = timezone.localdate


@pytest.fixture
def group(partnership):
    return NetworkGroupFactory(
        partnership=partnership, name="Writing network", slug="writing", cadence=Cadence.TERMLY
    )


def url(group, rest: str = "") -> str:
    return f"/partnerships/{group.partnership.slug}/groups/{group.slug}/{rest}"


def edit_data(members, chairs=None) -> dict:
    data = {"description": "", "cadence": Cadence.TERMLY, "members": [p.pk for p in members]}
    if chairs is not None:
        data["chairs"] = [p.pk for p in chairs]
    return data


# Chairs ---------------------------------------------------------------------------------------


def test_a_coordinator_appoints_two_co_chairs_who_both_have_the_chairs_rights(
    coordinator, group, school
):
    first = sign_in(PersonFactory(school=school, first_name="Cora", last_name="First"))
    second = sign_in(PersonFactory(school=school, first_name="Cass", last_name="Second"))
    response = coordinator.post(url(group, "edit/"), edit_data([], [first.person, second.person]))
    assert response.status_code == 302

    rows = GroupChair.objects.current().filter(group=group)
    assert {row.person for row in rows} == {first.person, second.person}
    assert {row.title for row in rows} == {GroupChair.Title.CO_CHAIR}
    group.refresh_from_db()
    assert group.chair in (first.person, second.person)
    for client in (first, second):
        assert client.get(url(group, "edit/")).status_code == 200
        assert can_plan_events(client.user)
        assert list(chaired_groups(client.person)) == [group]
    html = coordinator.get(url(group)).content.decode()
    assert "Cora First" in html and "Cass Second" in html


def test_a_co_chair_whose_term_ended_loses_the_chairs_rights(group, school):
    client = sign_in(PersonFactory(school=school))
    other = PersonFactory(school=school)
    group_chairs_set(group=group, chairs=[other, client.person])
    assert can_coordinate_group(client.user, group)
    group_chairs_set(group=group, chairs=[other])
    assert GroupChair.objects.get(person=client.person).ends_on == TODAY()
    client.person.__dict__.pop("_standing", None)
    assert client.get(url(group, "edit/")).status_code == 403
    assert not can_plan_events(client.user)


def test_a_chair_who_is_not_a_coordinator_cannot_appoint_chairs(staff, group, school):
    group_chairs_set(group=group, chairs=[staff.person])
    html = staff.get(url(group, "edit/")).content.decode()
    assert 'name="chairs"' not in html
    ally = PersonFactory(school=school)
    assert staff.post(url(group, "edit/"), edit_data([], [ally])).status_code == 302
    assert list(chaired_groups(ally)) == []


# Dated membership -----------------------------------------------------------------------------


def test_a_member_who_leaves_keeps_a_dated_membership_and_shows_as_past(coordinator, group, school):
    stays = PersonFactory(school=school, first_name="Stan", last_name="Stays")
    leaves = PersonFactory(school=school, first_name="Lena", last_name="Leaves")
    coordinator.post(url(group, "edit/"), edit_data([stays, leaves]))
    joined = GroupMembership.objects.get(group=group, person=leaves)
    assert (joined.joined_on, joined.left_on) == (TODAY(), None)

    coordinator.post(url(group, "edit/"), edit_data([stays]))
    left = GroupMembership.objects.get(group=group, person=leaves)
    assert left.left_on == TODAY()
    assert list(group.members.all()) == [stays]
    html = coordinator.get(url(group)).content.decode()
    past = html[html.index('id="past-members"') :]
    assert "Lena Leaves" in past
    assert "Stan Stays" not in past


# Objectives -----------------------------------------------------------------------------------


@pytest.fixture
def objective(group):
    objective = objective_add(group=group, title="Moderate Year 6 writing together")
    objective_note_add(
        objective=objective,
        author=None,
        text="Two moderation sessions held.",
        status=GroupObjective.Status.ON_TRACK,
    )
    return objective


def test_the_heads_of_member_schools_read_the_objectives_and_their_progress(head, group, objective):
    response = head.get(url(group, "objectives/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Moderate Year 6 writing together" in html
    assert "Two moderation sessions held." in html
    assert "On track" in html
    assert "Objectives and progress" in head.get(url(group)).content.decode()


def test_members_read_the_objectives_and_others_are_refused(staff, outsider, group, objective):
    assert staff.get(url(group, "objectives/")).status_code == 403
    assert "Objectives and progress" not in staff.get(url(group)).content.decode()
    group.members.add(staff.person)
    staff.person.__dict__.pop("_standing", None)
    assert staff.get(url(group, "objectives/")).status_code == 200
    assert outsider.get(url(group, "objectives/")).status_code == 403


def test_a_head_of_a_school_that_left_the_partnership_no_longer_reads_them(
    group, objective, partnership
):
    gone = SchoolFactory()
    MembershipFactory(
        school=gone,
        partnership=partnership,
        joined_on=datetime.date(2015, 9, 1),
        left_on=datetime.date(2020, 7, 31),
    )
    head = sign_in(PersonFactory(school=gone))
    gone.headteacher = head.person
    gone.save(update_fields=["headteacher"])
    assert head.get(url(group, "objectives/")).status_code == 403


def test_anonymous_is_sent_to_sign_in_for_objectives(anonymous, group):
    response = anonymous.get(url(group, "objectives/"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_chair_sets_an_objective_and_notes_progress(chair, partnership):
    group = chair.group
    response = chair.post(
        url(group, "objectives/add/"),
        {"title": "Every SENCo trained in EHCP reviews", "status": "not_started"},
    )
    assert response.status_code == 302
    objective = group.objectives.get()
    response = chair.post(
        url(group, f"objectives/{objective.pk}/notes/add/"),
        {"text": "Half the SENCos trained.", "status": "on_track"},
    )
    assert response.status_code == 302
    note = ObjectiveNote.objects.get()
    assert (note.author, note.text) == (chair.person, "Half the SENCos trained.")
    objective.refresh_from_db()
    assert objective.status == GroupObjective.Status.ON_TRACK


@pytest.mark.parametrize("persona", ["head", "staff", "outsider"])
def test_readers_and_others_cannot_write_objectives(request, persona, group, objective):
    client = request.getfixturevalue(persona)
    assert client.post(url(group, "objectives/add/"), {"title": "X"}).status_code == 403
    note = url(group, f"objectives/{objective.pk}/notes/add/")
    assert client.post(note, {"text": "X", "status": "achieved"}).status_code == 403
    assert GroupObjective.objects.count() == 1
    assert ObjectiveNote.objects.count() == 1


def test_an_empty_note_is_refused_with_a_message(coordinator, group, objective):
    note = url(group, f"objectives/{objective.pk}/notes/add/")
    response = coordinator.post(note, {"text": "   ", "status": "achieved"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    objective.refresh_from_db()
    assert objective.status == GroupObjective.Status.ON_TRACK
    assert ObjectiveNote.objects.count() == 1


def test_an_objective_of_another_group_is_404_here(coordinator, group, partnership):
    other = objective_add(group=NetworkGroupFactory(partnership=partnership), title="Other")
    note = url(group, f"objectives/{other.pk}/notes/add/")
    assert coordinator.get(note).status_code == 404


def test_objective_pages_refuse_other_methods(coordinator, group, objective):
    assert coordinator.post(url(group, "objectives/")).status_code == 405
    assert coordinator.put(url(group, "objectives/add/")).status_code == 405


@pytest.mark.parametrize("rows", [1, 20])
def test_objectives_page_costs_the_same_queries_for_1_or_20_objectives(
    head, group, rows, django_assert_num_queries
):
    """Prevents an N+1 on each objective's notes and each note's author: session, user with
    their profile, the group with its partnership (and whether the user reads it), objectives,
    notes with their authors."""
    author = PersonFactory()
    for n in range(rows):
        objective = objective_add(group=group, title=f"Objective {n}")
        for _ in range(2):
            objective_note_add(objective=objective, author=author, text="Done.", status="on_track")
    with django_assert_num_queries(5):
        response = head.get(url(group, "objectives/"))
    assert response.content.decode().count("Done.") == rows * 2


@pytest.mark.parametrize("rows", [1, 20])
def test_group_page_costs_the_same_queries_for_1_or_20_chairs_and_past_members(
    staff, group, school, rows, django_assert_num_queries
):
    """Chairs and past members come with the group's own row: no query per person. The
    page's seven queries are counted in tests/partnerships/test_views_group.py."""
    people = PersonFactory.create_batch(rows, school=school)
    group_chairs_set(group=group, chairs=people)
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(
                group=group,
                person=p,
                joined_on=datetime.date(2020, 9, 1),
                left_on=datetime.date(2022, 7, 31),
            )
            for p in people
        ]
    )
    with django_assert_num_queries(7):
        response = staff.get(url(group))
    assert len(response.context["chairs"]) == rows
    assert len(response.context["past_members"]) == rows


# The data migration ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_makes_each_chair_a_chair_and_each_member_a_member_on_the_demo_data():
    call_command("seed_demo", stdout=io.StringIO())
    GroupChair.objects.all().delete()
    GroupMembership.objects.all().delete()
    migration = importlib.import_module(
        "partnerships.migrations.0006_chairs_and_members_as_dated_rows"
    )
    migration.chairs_and_members_as_dated_rows(apps, None)
    migration.chairs_and_members_as_dated_rows(apps, None)  # Twice: nothing more.

    chaired = NetworkGroup.objects.exclude(chair=None)
    assert chaired.count() >= 5
    assert GroupChair.objects.count() == chaired.count()
    for group in chaired:
        row = GroupChair.objects.current().get(group=group)
        assert row.person_id == group.chair_id
    pairs = set(NetworkGroup.members.through.objects.values_list("networkgroup_id", "person_id"))
    assert pairs
    assert set(GroupMembership.objects.current().values_list("group_id", "person_id")) == pairs


def test_a_co_chair_who_is_not_a_member_gets_the_groups_messages(group, school):
    from notifications.group_message import group_recipients

    co_chair = PersonFactory(school=school)
    group_chairs_set(group=group, chairs=[PersonFactory(school=school), co_chair])
    assert co_chair in group_recipients(group)


def test_chair_rows_follow_the_named_chair_changed_in_admin(group, school):
    from partnerships.group_services import group_chair_sync

    first, second = PersonFactory(school=school), PersonFactory(school=school)
    group_chairs_set(group=group, chairs=[first])
    group.chair = second
    group.save()
    group_chair_sync(group=group, chair_changed=True, replaced=first.pk)
    assert [row.person for row in GroupChair.objects.current().filter(group=group)] == [second]

    # The row ended by hand: the named chair gives way.
    GroupChair.objects.filter(person=second).update(ends_on=TODAY())
    group_chair_sync(group=group)
    group.refresh_from_db()
    assert group.chair is None
    assert list(chaired_groups(second)) == []
