"""History of network groups, memberships and partnerships records only what changed, and a
group's members changed from the person's side are recorded as a version of the group."""

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
