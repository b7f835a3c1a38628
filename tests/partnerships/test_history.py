"""History of network groups, memberships and partnerships records only what changed, and a
group's members changed from the person's side are recorded as a version of the group."""

import pytest

from partnerships.models import NetworkGroup
from tests.factories import NetworkGroupFactory, PersonFactory


def test_members_added_and_removed_are_versions_of_the_group(partnership):
    group = NetworkGroupFactory(partnership=partnership)
    person = PersonFactory()
    versions = group.history.count()

    group.members.add(person)
    assert group.history.count() == versions + 1
    latest = group.history.latest()
    assert [row.person_id for row in latest.members.all()] == [person.pk]

    group.members.add(person)  # Already a member: nothing changed, no version.
    assert group.history.count() == versions + 1


def test_leaving_through_the_person_records_the_groups_not_the_person(partnership):
    first, second = NetworkGroupFactory.create_batch(2, partnership=partnership)
    person = PersonFactory()
    person.network_groups.add(first, second)
    person_versions = person.history.count()

    person.network_groups.clear()

    assert person.history.count() == person_versions
    for group in (first, second):
        assert not NetworkGroup.history.filter(id=group.pk).latest().members.exists()


def test_a_save_without_changes_records_nothing(partnership):
    partnership.save()
    versions = partnership.history.count()
    partnership.save()
    assert partnership.history.count() == versions
    partnership.description = "Schools working together."
    partnership.save()
    assert partnership.history.count() == versions + 1


def url(partnership) -> str:
    return f"/partnerships/{partnership.slug}/history/"


def test_coordinators_see_page_membership_and_group_changes(coordinator, partnership):
    group = NetworkGroupFactory(partnership=partnership, name="Reading network")
    reader = PersonFactory(first_name="Rhoda", last_name="Reader")
    group.members.add(reader)
    partnership.description = "Schools reading together."
    partnership.save()

    page = coordinator.get(url(partnership)).content.decode()

    assert "<h1>History of Testbridge Alliance</h1>" in page
    assert "Partnership page changed" in page
    assert "Schools reading together." in page
    assert "Network group Reading network changed" in page
    assert '<td data-label="After">Rhoda Reader</td>' in page
    assert "Membership of Abbeyfield Primary School" in page


@pytest.mark.parametrize("persona", ["staff", "head", "outsider", "chair"])
def test_others_are_refused(request, persona, partnership):
    assert request.getfixturevalue(persona).get(url(partnership)).status_code == 403


def test_anonymous_is_sent_to_sign_in(anonymous, partnership):
    assert anonymous.get(url(partnership))["Location"].startswith("/accounts/login/")


def test_history_refuses_post(coordinator, partnership):
    assert coordinator.post(url(partnership)).status_code == 405


def test_history_queries_do_not_grow_with_versions(admin, partnership, django_assert_num_queries):
    """The groups' members come in one prefetch, and who made each version joined: no query
    per version, group or member."""
    with django_assert_num_queries(6):
        admin.get(url(partnership))
    for name in ("One", "Two", "Three"):
        group = NetworkGroupFactory(partnership=partnership, name=f"{name} network")
        group.members.add(PersonFactory(), PersonFactory())
        partnership.description = name
        partnership.save()
    with django_assert_num_queries(6):
        admin.get(url(partnership))
