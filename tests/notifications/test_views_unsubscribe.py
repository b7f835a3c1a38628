"""One-click unsubscribe (RFC 8058): the link from a received message, POSTed without signing
in, turns that one kind off and answers 200; GET only asks; a forged link changes nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from notifications.delivery import deliver_due
from notifications.models import Choice, Kind, Preference
from notifications.services import choices_for, preferences_save
from tests.factories import EventFactory, NetworkGroupFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _received_unsubscribe_path(smtp) -> str:
    from notifications import tick

    tick.run()
    deliver_due(owner="test")
    header = smtp.messages[0]["List-Unsubscribe"]
    return re.search(r"https://portal\.example\.org(/[^>]+)>", str(header)).group(1)


@pytest.fixture
def member():
    person = PersonFactory()
    group = NetworkGroupFactory()
    group.members.add(person)
    EventFactory(network_group=group)
    preferences_save(person=person, choices={Kind.MINUTES: Choice.DIGEST})
    return person


def test_one_click_post_without_signing_in_turns_off_only_that_kind(smtp, member):
    path = _received_unsubscribe_path(smtp)
    # As a mail program sends it: no cookie, no CSRF token, the RFC 8058 body.
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200  # never a redirect
    choices = choices_for(member)
    assert choices[Kind.INVITATION] == Choice.OFF
    assert choices[Kind.MINUTES] == Choice.DIGEST  # the person's other choices stay
    assert choices[Kind.REMINDER] == Choice.ON
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200  # again: fine


def test_opening_the_link_asks_and_changes_nothing(smtp, member):
    path = _received_unsubscribe_path(smtp)
    response = Client().get(path)
    assert response.status_code == 200
    assert b"Stop e-mail about" in response.content
    assert choices_for(member)[Kind.INVITATION] == Choice.ON


def test_a_forged_or_cut_link_is_refused_and_changes_nothing(smtp, member):
    path = _received_unsubscribe_path(smtp)
    response = Client().post(path[:-8] + "tampered/")
    assert response.status_code == 404
    assert b"not recognised" in response.content
    assert not Preference.objects.filter(person=member, choice=Choice.OFF).exists()


def test_the_unsubscribe_page_reads_one_row(member, django_assert_num_queries):
    """The person named by the token, nothing else (no session for a mail program)."""
    from notifications.tokens import unsubscribe_token

    path = f"/notifications/unsubscribe/{unsubscribe_token(person_id=member.pk, kind='minutes')}/"
    with django_assert_num_queries(1):
        assert Client().get(path).status_code == 200
