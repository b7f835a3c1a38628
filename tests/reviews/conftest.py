"""A review day of `school` (the reviewed school, headed by the `head` persona): reviewed by
the head of `other_school`, its report shared by the head with one colleague."""

import pytest

from tests.conftest import sign_in
from tests.factories import PersonFactory, ReviewFactory, SchoolFactory

SECRET = "Leadership of phonics is strong; attendance needs a sharper plan (Quokka-7731)."


@pytest.fixture
def reviewer(other_school):
    """The head of another school, one of the day's reviewers."""
    client = sign_in(PersonFactory(school=other_school, job_title="Headteacher"))
    other_school.headteacher = client.person
    other_school.save(update_fields=["headteacher"])
    return client


@pytest.fixture
def other_head(db):
    """The head of a third school, who reviewed nobody that day."""
    school = SchoolFactory(name="Cedar Lane Primary School")
    client = sign_in(PersonFactory(school=school, job_title="Headteacher"))
    school.headteacher = client.person
    school.save(update_fields=["headteacher"])
    return client


@pytest.fixture
def colleague(school):
    """A member of the reviewed school's staff whom the head named."""
    return sign_in(PersonFactory(school=school, job_title="Deputy headteacher"))


@pytest.fixture
def member(school):
    """A member of the reviewed school's staff whom nobody named."""
    return sign_in(PersonFactory(school=school, job_title="Class teacher"))


@pytest.fixture
def review(school, partnership, head, reviewer, colleague):
    review = ReviewFactory(
        event__host_school=school,
        event__partnership=partnership,
        reviewers=[reviewer.person],
        shared_with=[colleague.person],
        report=SECRET,
    )
    return review
