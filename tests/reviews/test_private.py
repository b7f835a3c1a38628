"""A review report is listed nowhere but its readers' own list: never in search, never in a
calendar feed. And its pages cost the same however many reviews there are."""

import pytest
from django.core.management import call_command

from events.models import CalendarFeedToken
from reviews.models import Review
from search.models import SearchDocument
from tests.factories import PersonFactory, RegistrationFactory, ReviewFactory
from tests.reviews.conftest import SECRET

WORD = "Quokka"


def test_search_never_shows_or_indexes_report_text(review, head, reviewer, admin):
    call_command("search_reindex", verbosity=0)
    # The review day itself is found, as any event is; its report is not in its document.
    day = SearchDocument.objects.get(kind="event", object_id=review.event_id)
    assert "phonics" not in day.text
    assert not SearchDocument.objects.filter(text__icontains=WORD.lower()).exists()
    assert not SearchDocument.objects.filter(body__icontains="phonics is strong").exists()
    for client in (head, reviewer, admin):
        for words in (WORD, "phonics attendance", "leadership of phonics"):
            response = client.get("/search/", {"q": words, "as_typed": "1"})
            assert response.status_code == 200
            assert not response.context["results"].documents, words
            assert SECRET not in response.content.decode()


def test_feeds_never_carry_report_text(review, head, reviewer, anonymous):
    RegistrationFactory(event=review.event, person=reviewer.person, status="confirmed")
    feeds = [
        f"/events/{review.event_id}/event.ics",
        f"/events/feeds/partnership/{review.event.partnership.slug}.ics",
    ]
    for client in (head, reviewer):
        token = CalendarFeedToken.objects.create(person=client.person).token
        feeds.append(f"/events/feeds/person/{token}.ics")
    for url in feeds:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "BEGIN:VEVENT" in body, url  # the day itself is there; its report is not
        assert WORD not in body and "phonics" not in body.lower(), url
    # The event page, even to the report's readers, does not show the report.
    html = head.get(review.event.get_absolute_url()).content.decode()
    assert WORD not in html


@pytest.fixture
def many_reviews(school, reviewer):
    def make(n: int) -> None:
        for _ in range(n):
            ReviewFactory(event__host_school=school, reviewers=[reviewer.person], report=SECRET)

    return make


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_costs_the_same_for_1_or_30_reviews(
    count, many_reviews, reviewer, django_assert_num_queries
):
    """One query for the rows with their day and school joined: no query per review."""
    many_reviews(count)
    with django_assert_num_queries(3):  # the session, the user and their profile, the rows
        response = reviewer.get("/reviews/")
    assert len(response.context["reviews"]) == count


@pytest.mark.parametrize("reviewers", [1, 30])
def test_the_report_page_costs_the_same_for_1_or_30_reviewers(
    reviewers, school, head, django_assert_max_num_queries
):
    """The review with its day and school, then its reviewers and colleagues in one query
    each: at most 6, whatever their number."""
    review = ReviewFactory(
        event__host_school=school,
        reviewers=[PersonFactory() for _ in range(reviewers)],
        shared_with=[PersonFactory(school=school) for _ in range(reviewers)],
        report=SECRET,
    )
    with django_assert_max_num_queries(6):
        response = head.get(review.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["reviewers"]) == reviewers


def test_an_admin_reads_every_review_in_the_list(review, admin):
    assert Review.objects.count() == 1
    html = admin.get("/reviews/").content.decode()
    assert review.get_absolute_url() in html
