"""Comments, "I used this" and network-group pins."""

import pytest

from resources.models import Comment, Pin, Use
from tests.factories import NetworkGroupFactory, PartnershipFactory


def url(resource, action):
    return f"/resources/{resource.pk}/{action}/"


# Comments -------------------------------------------------------------------------------------


def test_member_comments(outsider, shared):
    response = outsider.post(url(shared, "comments"), {"body": "Worked well in Year 5."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == outsider.person
    assert "Worked well in Year 5." in outsider.get(shared.get_absolute_url()).content.decode()


def test_an_empty_comment_is_refused(staff, shared):
    response = staff.post(url(shared, "comments"), {"body": "  "})
    assert response.status_code == 200
    assert "Enter comment." in response.content.decode()
    assert not Comment.objects.exists()


def test_other_schools_cannot_comment_on_a_partnership_resource(outsider, private):
    assert outsider.post(url(private, "comments"), {"body": "Hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_anonymous_cannot_comment(anonymous, shared):
    assert anonymous.post(url(shared, "comments"), {"body": "Hi"}).status_code == 302
    assert not Comment.objects.exists()


def test_commenting_refuses_get(staff, shared):
    assert staff.get(url(shared, "comments")).status_code == 405


# Uses -----------------------------------------------------------------------------------------


def test_saying_you_used_it_counts_once(staff, outsider, shared):
    assert staff.post(url(shared, "used")).status_code == 302
    staff.post(url(shared, "used"))
    outsider.post(url(shared, "used"))
    assert Use.objects.filter(resource=shared).count() == 2
    html = staff.get(shared.get_absolute_url()).content.decode()
    assert "Used by 2 people" in html and "You said you used this resource." in html


def test_other_schools_cannot_use_a_partnership_resource(outsider, private):
    assert outsider.post(url(private, "used")).status_code == 404
    assert not Use.objects.exists()


def test_anonymous_cannot_say_they_used_it(anonymous, shared):
    assert anonymous.post(url(shared, "used")).status_code == 302
    assert not Use.objects.exists()


def test_using_refuses_get(staff, shared):
    assert staff.get(url(shared, "used")).status_code == 405


# Pins -----------------------------------------------------------------------------------------


@pytest.fixture
def group(partnership):
    return NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths-network")


def test_group_chair_pins_and_unpins(staff, outsider, shared, group):
    group.chair = outsider.person
    group.save()
    assert outsider.post(url(shared, "pins"), {"group": group.pk}).status_code == 302
    assert Pin.objects.get().group == group
    html = staff.get(shared.get_absolute_url()).content.decode()
    assert "Pinned by" in html and "Maths network" in html
    assert outsider.post(url(shared, "pins/remove"), {"group": group.pk}).status_code == 302
    assert not Pin.objects.exists()


def test_coordinator_pins_for_a_group_of_their_partnership(coordinator, shared, group):
    assert coordinator.post(url(shared, "pins"), {"group": group.pk}).status_code == 302
    assert Pin.objects.filter(group=group).exists()


def test_member_who_runs_no_group_cannot_pin(staff, shared, group):
    assert staff.post(url(shared, "pins"), {"group": group.pk}).status_code == 403
    assert not Pin.objects.exists()


def test_a_partnership_resource_cannot_be_pinned_in_another_partnerships_group(
    coordinator, private
):
    other_group = NetworkGroupFactory(partnership=PartnershipFactory())
    other_group.chair = coordinator.person
    other_group.save()
    assert coordinator.post(url(private, "pins"), {"group": other_group.pk}).status_code == 403
    assert not Pin.objects.exists()


def test_anonymous_cannot_pin(anonymous, shared, group):
    assert anonymous.post(url(shared, "pins"), {"group": group.pk}).status_code == 302


def test_pinning_refuses_get(coordinator, shared):
    assert coordinator.get(url(shared, "pins")).status_code == 405
