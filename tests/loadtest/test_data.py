"""loadtest.data.prepare: events with places and sign-in accounts of ordinary staff."""

from django.test import Client

from events.models import Event
from loadtest import data
from tests.factories import PersonFactory, SchoolFactory


def test_prepare_gives_each_account_its_own_staff_profile_and_never_a_headteacher(db):
    school = SchoolFactory()
    head = PersonFactory(school=school)
    school.headteacher = head
    school.save()
    staff = PersonFactory.create_batch(3, school=school)

    data.prepare()
    data.prepare()  # safe to run twice

    targets = data.targets()
    assert targets["logins"] == [data.login(n) for n in (1, 2, 3)]
    for person in [head, *staff]:
        person.refresh_from_db()
    assert sorted(person.user.email for person in staff) == targets["logins"]
    assert head.user is None
    events = Event.objects.filter(pk__in=targets["capacity_events"])
    assert [e.capacity for e in events] == [data.CAPACITY] * len(data.CAPACITY_EVENTS)
    client = Client()
    assert client.login(email=targets["logins"][0], password=targets["password"])
