"""Fixtures for the accounts tests: a clean cache (rate limits count there) and invitations."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Invitation, SchoolEmailDomain, hash_token
from events.models import CalendarFeedToken, Occasion
from notifications.tokens import confirm_token, unsubscribe_token
from partnerships.models import GroupObjective, PartnerOrganisation
from people.designations import Designation
from people.models import ContactVisibility, PersonQualification, Qualification
from programme.models import ContributionRequest, Session, SessionDocument, Slot
from resources.models import Sharing
from schools.models import School
from tests.factories import (
    DeploymentFactory,
    EventDocumentFactory,
    EventFactory,
    MembershipFactory,
    MinuteActionFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    PollOptionFactory,
    RegistrationFactory,
    ResourceFactory,
    ReviewFactory,
    RoleAssignmentFactory,
    SchoolFactory,
    SupportRequestFactory,
    UserFactory,
)
from tests.resources.conftest import PDF_BYTES


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school_domain(school):
    return SchoolEmailDomain.objects.create(school=school, domain="abbeyfield.example.org")


def make_invitation(
    school, *, email="new.teacher@abbeyfield.example.org", token="tok-en", expires_in_hours=24
):
    """An invitation whose plain token is `token` (tests need the token, the site never does).

    A negative `expires_in_hours` makes an expired invitation.
    """
    now = timezone.now()
    return Invitation.objects.create(
        email=email,
        first_name="Nia",
        last_name="Okafor",
        school=school,
        token_hash=hash_token(token),
        created_at=now - datetime.timedelta(days=8),
        expires_at=now + datetime.timedelta(hours=expires_in_hours),
    )


@pytest.fixture
def invitation(school):
    return make_invitation(school, token="valid-token-0123456789")


@pytest.fixture
def rf_request():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10")
    return request


# The permission matrix's world ---------------------------------------------------------------


def _organisation_of(partnership):
    """A partner organisation the partnership works with, with a role held there."""
    organisation = PartnerOrganisation.objects.create(name="Testshire Maths Hub", kind="maths_hub")
    organisation.partnerships.add(partnership)
    return organisation


def _programme_of(event, *, presenter):
    """A slot of `event` with a session the staff persona presents (with a document) and a
    spare session (deleted by those who may), and a session of an unpublished event."""
    slot = Slot.objects.create(
        event=event, title="Workshops", starts_at=event.starts_at, ends_at=event.ends_at
    )
    session = Session.objects.create(slot=slot, title="Phonics", capacity=10)
    session.presenters.add(presenter)
    hidden_event = EventFactory(is_published=False)
    hidden_slot = Slot.objects.create(
        event=hidden_event, starts_at=hidden_event.starts_at, ends_at=hidden_event.ends_at
    )
    return {
        "slot": slot,
        "session": session,
        "spare_session": Session.objects.create(slot=slot, title="Spare"),
        "session_document": SessionDocument.objects.create(
            session=session,
            title="Slides",
            file=ContentFile(PDF_BYTES, name="slides.pdf"),
            original_name="slides.pdf",
            content_type="application/pdf",
            size=len(PDF_BYTES),
        ),
        "hidden_session": Session.objects.create(slot=hidden_slot, title="Hidden"),
    }


def _occasion_of(partnership, group):
    """A town-wide evening of the partnership with one meeting of its group."""
    occasion = Occasion.objects.create(title="Town-wide writing evening", partnership=partnership)
    EventFactory(network_group=group, partnership=partnership, occasion=occasion)
    return occasion


@pytest.fixture
def world(db, school, partnership, other_school, chair, staff, outsider):
    """One of each object the URLs need, published and unpublished, and another school's
    private objects (which answer 404 to everyone who may not see them). The chair persona
    always exists so its group and that group's event can be addressed. A review day of
    `school` is reviewed by the outsider persona, and its head named the staff persona."""
    hidden_partnership = PartnershipFactory(is_published=False)
    group = NetworkGroupFactory(partnership=partnership, name="Maths network", slug="maths")
    person = PersonFactory(school=school)
    event = EventFactory(network_group=group, partnership=partnership, is_published=True)
    leader = PersonFactory(school=SchoolFactory(), job_title="Maths SLE")
    far_school = SchoolFactory(is_published=False)
    far_partnership = PartnershipFactory()
    MembershipFactory(school=far_school, partnership=far_partnership)
    support_request = SupportRequestFactory(school=school)
    # Registrations with each choice of who sees contacts: the CSV shows e-mails as allowed.
    for visibility in ContactVisibility.values:
        RegistrationFactory(
            event=event, person=PersonFactory(school=other_school, contact_visibility=visibility)
        )
    RegistrationFactory(event=event, person=person)
    PersonFactory(school=other_school, contact_visibility=ContactVisibility.SCHOOL)
    PersonFactory(school=school, contact_visibility=ContactVisibility.ADMINS)
    return {
        **_programme_of(event, presenter=staff.person),
        "school": school,
        "hidden_school": SchoolFactory(is_published=False),
        "person": person,
        "role": RoleAssignmentFactory(person=person),
        "organisation": _organisation_of(partnership),
        "qualification_record": PersonQualification.objects.create(
            person=person, qualification=Qualification.objects.get(slug="npqh"), year=2020
        ),
        "designation": Designation.objects.create(
            person=person, designated_on=datetime.date(2023, 9, 1)
        ),
        "post": person.posts.get(),
        "erasable": PersonFactory(school=school),
        "partnership": partnership,
        "membership": partnership.memberships.get(school=school),
        "hidden_partnership": hidden_partnership,
        "group": group,
        "objective": GroupObjective.objects.create(group=group, title="Moderate writing"),
        "hidden_group": NetworkGroupFactory(partnership=hidden_partnership),
        "event": event,
        "contribution_request": ContributionRequest.objects.create(
            event=event, prompt="One five-minute presentation per school.", minutes_each=5
        ),
        "hidden_event": EventFactory(is_published=False),
        "occasion": _occasion_of(partnership, group),
        "hidden_occasion": Occasion.objects.create(
            title="Hidden evening", partnership=hidden_partnership
        ),
        "chair_group": chair.group,
        # A meeting held last week with published minutes and an action of `person`'s.
        "action": MinuteActionFactory(
            owner=person,
            event=EventFactory(
                network_group=group,
                partnership=partnership,
                starts_at=timezone.now() - datetime.timedelta(days=7),
                minutes="Agreed the dates.",
                minutes_published_at=timezone.now(),
            ),
        ),
        "chair_event": EventFactory(network_group=chair.group, partnership=partnership),
        # A workshop of `event`'s programme, for its sign-in sheet.
        "sheet_session": Session.objects.create(
            slot=Slot.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at),
            title="Fractions workshop",
        ),
        "document": EventDocumentFactory(event=event),
        "feed_token": CalendarFeedToken.objects.create(person=person).token,
        "unsubscribe_token": unsubscribe_token(person_id=person.pk, kind="reminder"),
        "confirm_token": confirm_token(person_id=person.pk, school_id=school.pk),
        "support_request": support_request,
        "far_request": SupportRequestFactory(school=far_school),
        "deployment": DeploymentFactory(
            request=support_request,
            system_leader=leader,
            supported_school=school,
            partnership=partnership,
            specialism=support_request.specialism,
        ),
        "far_deployment": DeploymentFactory(
            supported_school=far_school,
            partnership=far_partnership,
            specialism=support_request.specialism,
        ),
        "leader": leader,
        "far_partnership": far_partnership,
        "resource": ResourceFactory(
            source_school=school,
            author=person,
            file=ContentFile(PDF_BYTES, name="lesson.pdf"),
        ),
        "private_resource": ResourceFactory(
            source_school=school,
            author=person,
            sharing=Sharing.PARTNERSHIP,
            partnership=partnership,
        ),
        "far_resource": ResourceFactory(
            source_school=far_school,
            file=ContentFile(PDF_BYTES, name="notes.pdf"),
            sharing=Sharing.PARTNERSHIP,
            partnership=far_partnership,
        ),
        "token": "matrix-token-0123456789",
        "invitation": make_invitation(school, token="matrix-token-0123456789"),
        "admin_user": UserFactory(email="matrix-admin-target@example.org"),
        "school_type": ContentType.objects.get_for_model(School),
        "poll": PollOptionFactory(poll__partnership=partnership).poll,
        "far_poll": PollOptionFactory(poll__partnership=far_partnership).poll,
        "review": ReviewFactory(
            event__host_school=school,
            event__partnership=partnership,
            reviewers=[outsider.person],
            shared_with=[staff.person],
            report="Private to the school, its reviewers and admins.",
        ),
    }
