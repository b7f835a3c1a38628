"""The staff import can invite the people it creates, in bulk, from its confirm page."""

import pytest
from django.core import mail

from accounts.models import Invitation, SchoolEmailDomain
from tests.registers.test_views_import_people import GOOD, upload, url

pytestmark = pytest.mark.django_db
OUTSIDER = "Cy,Other,,Caretaker,cy.other@elsewhere.example.net,,,,,,\n"


@pytest.fixture(autouse=True)
def school_domain(school):
    SchoolEmailDomain.objects.create(school=school, domain="example.org")


def confirm(client, school, content: str, *, invite: bool):
    preview = client.post(url(school), upload(content))
    assert preview.status_code == 200
    data = {"content": preview.context["confirm"].initial["content"]}
    if invite:
        data["invite"] = "on"
    return preview, client.post(url(school), data, follow=True)


def test_ticking_invite_sends_one_invitation_per_new_person(head, school):
    preview, done = confirm(head, school, GOOD, invite=True)
    assert "All 2 new people can be invited" in preview.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada.lovelace@example.org",
        "zoe.bronte@example.org",
    ]
    assert Invitation.objects.filter(school=school, invited_by=head.user).count() == 2
    assert "Sent 2 invitations to sign in." in done.content.decode()


def test_without_the_box_nobody_is_invited(head, school):
    confirm(head, school, GOOD, invite=False)
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_people_outside_the_schools_domains_are_named_in_the_preview_and_not_invited(head, school):
    preview, done = confirm(head, school, GOOD + OUTSIDER, invite=True)
    html = preview.content.decode()
    assert "1 of the 3 new people cannot be invited by you" in html
    assert "Line 5: cy.other@elsewhere.example.net. This address is outside" in html
    assert [m.to[0] for m in mail.outbox if "elsewhere" in m.to[0]] == []
    page = done.content.decode()
    assert "Sent 2 invitations to sign in." in page
    assert "Line 5: cy.other@elsewhere.example.net was not invited." in page
    # The import itself is whole: the outsider's profile was created all the same.
    assert school.staff.filter(email="cy.other@elsewhere.example.net").exists()


def test_the_memberships_import_offers_no_invitations(coordinator, partnership):
    page = coordinator.get(f"/registers/partnerships/{partnership.slug}/memberships/import/")
    assert page.status_code == 200 and "invitation" not in page.content.decode()


def test_a_mail_server_that_refuses_leaves_the_import_and_says_who_was_not_invited(
    head, school, settings
):
    """SMTP to a loopback port nobody listens on: the connection is refused."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    _preview, done = confirm(head, school, GOOD, invite=True)
    page = done.content.decode()
    assert "Imported 3 row(s): 3 created" in page
    assert "Line 2: ada.lovelace@example.org was not invited. The mail server" in page
    assert not Invitation.objects.exists()  # no link exists that nobody received
    assert school.staff.filter(email="zoe.bronte@example.org").exists()
