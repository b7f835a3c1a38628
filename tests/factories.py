"""factory-boy factories for every model, with fictional en_GB data."""

import datetime

import django.core.files.base
import factory
import faker
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from events.models import Event, EventDocument, EventKind, MinuteAction, Registration, Rsvp
from partnerships.models import (
    Membership,
    NetworkGroup,
    PartnerOrganisation,
    Partnership,
    PartnershipKind,
    Statement,
)
from people.models import Person, RoleAssignment, RoleType, Specialism
from people.posts import Post
from schools.models import EstablishmentType, Phase, School

factory.Faker._DEFAULT_LOCALE = "en_GB"
_FAKER = faker.Faker("en_GB")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("correct-horse-battery")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Testbridge School {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    urn = factory.Sequence(lambda n: f"{980000 + n}")
    phase = Phase.PRIMARY
    establishment_type = EstablishmentType.COMMUNITY
    town = "Testbridge"
    local_authority = "Testbridge"
    postcode = "EB1 1AA"
    is_published = True


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    # Names as they appear in HTML: an apostrophe ("O'Brien") is escaped there, which made
    # tests that look for a name in a page fail now and then.
    last_name = factory.LazyFunction(lambda: _FAKER.last_name().replace("'", ""))
    job_title = "Class teacher"
    school = factory.SubFactory(SchoolFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    telephone = factory.Sequence(lambda n: f"020 7946 0{n % 1000:03d}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the portal keeps it: a person's school is the school of their current post.
        person = super()._create(model_class, *args, **kwargs)
        if person.school_id and not person.erased_at:
            Post.objects.create(
                person=person, school_id=person.school_id, job_title=person.job_title
            )
        return person


class RoleTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleType
        # The vocabularies are seeded by a data migration: reuse a seeded row of that name.
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Role {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SpecialismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialism
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Specialism {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    role_type = factory.SubFactory(RoleTypeFactory)
    starts_on = datetime.date(2020, 9, 1)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Testbridge Partnership {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = PartnershipKind.ALLIANCE
    is_published = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    school = factory.SubFactory(SchoolFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    joined_on = datetime.date(2020, 9, 1)


class NetworkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkGroup

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = EventKind.NETWORK_MEETING
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    is_published = True


# The smallest file the document upload's content check takes for a PDF.
PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


class EventDocumentFactory(factory.django.DjangoModelFactory):
    """An event's PDF minutes, stored as an upload would be."""

    class Meta:
        model = EventDocument

    event = factory.SubFactory(EventFactory)
    title = "Minutes"
    file = factory.LazyFunction(
        lambda: django.core.files.base.ContentFile(PDF_BYTES, name="minutes.pdf")
    )
    original_name = "minutes.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class MinuteActionFactory(factory.django.DjangoModelFactory):
    """An action of a meeting's minutes (published or not: as its event's are)."""

    class Meta:
        model = MinuteAction

    event = factory.SubFactory(EventFactory)
    description = factory.Sequence(lambda n: f"Circulate the moderation samples ({n})")


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rsvp

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    answer = Rsvp.Answer.GOING


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Statement.Kind.AIM
    text = factory.Sequence(lambda n: f"Aim number {n}")
    position = factory.Sequence(lambda n: n)


# Support and resources ------------------------------------------------------------------------

from resources.models import Comment as ResourceComment  # noqa: E402
from resources.models import Pin, Resource, Sharing, Tag, Use  # noqa: E402
from support.models import Deployment, SupportRequest, Visit  # noqa: E402


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    school = factory.SubFactory(SchoolFactory)
    specialism = factory.SubFactory(SpecialismFactory, name="Maths", slug="maths")
    needs = "Help our Year 4 teachers teach fractions with confidence."
    wanted_from = factory.LazyFunction(timezone.localdate)


class DeploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deployment

    system_leader = factory.SubFactory(PersonFactory)
    supported_school = factory.SubFactory(SchoolFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    specialism = factory.SubFactory(SpecialismFactory, name="Maths", slug="maths")
    focus = factory.Sequence(lambda n: f"Improvement project {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    time_agreed = 5


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    deployment = factory.SubFactory(DeploymentFactory)
    visited_on = factory.LazyAttribute(lambda o: o.deployment.starts_on)
    amount = 1


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"tag {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A sequence of lessons other schools can adapt."
    url = "https://resources.example.org/lessons"
    sharing = Sharing.ALLIANCE


class ResourceCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceComment

    resource = factory.SubFactory(ResourceFactory)
    author = factory.SubFactory(PersonFactory)
    body = "We used this with Year 5 and it worked well."


class UseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Use

    resource = factory.SubFactory(ResourceFactory)
    person = factory.SubFactory(PersonFactory)


class PinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pin

    resource = factory.SubFactory(ResourceFactory)
    group = factory.SubFactory(NetworkGroupFactory)


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "polls.Poll"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Network meeting {n}")
    duration_minutes = 90


class PollOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "polls.PollOption"

    poll = factory.SubFactory(PollFactory)
    starts_at = factory.Sequence(
        lambda n: (
            timezone.now().replace(hour=16, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=14 + n)
        )
    )


from reviews.models import Review  # noqa: E402


class ReviewFactory(factory.django.DjangoModelFactory):
    """A school's review day (an event it hosts) and its private report."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    event = factory.SubFactory(
        EventFactory,
        kind=EventKind.REVIEW_DAY,
        title="Review day",
        host_school=factory.SubFactory(SchoolFactory),
    )
    school = factory.LazyAttribute(lambda o: o.event.host_school)

    @factory.post_generation
    def reviewers(self, create, people, **kwargs):
        if create and people:
            self.reviewers.set(people)

    @factory.post_generation
    def shared_with(self, create, people, **kwargs):
        if create and people:
            self.shared_with.set(people)
