"""Review-day reports, persona by persona: the reviewed school's head, the colleague the head
named, a reviewer of the day, another head, a member of staff, a visitor and an admin."""

import pytest

from reviews.models import Review
from tests.events.test_views_rota import SERIES, saved_rows
from tests.factories import (
    EventFactory,
    MembershipFactory,
    PersonFactory,
    RegistrationFactory,
    SchoolFactory,
)
from tests.reviews.conftest import SECRET

PERSONAS = [
    "head",
    "colleague",
    "reviewer",
    "other_head",
    "member",
    "outsider",
    "coordinator",
    "anonymous",
    "admin",
]

# URL (formatted with the review's event id) -> expected GET outcome per persona.
MATRIX = {
    "/reviews/{pk}/": {
        "head": 200,
        "colleague": 200,
        "reviewer": 200,
        "admin": 200,
        "other_head": 404,
        "member": 404,
        "outsider": 404,
        "coordinator": 404,
        "anonymous": "login",
    },
    "/reviews/{pk}/edit/": {
        "reviewer": 200,
        "head": 403,
        "colleague": 403,
        "admin": 403,
        "other_head": 404,
        "member": 404,
        "outsider": 404,
        "coordinator": 404,
        "anonymous": "login",
    },
    "/reviews/{pk}/sharing/": {
        "head": 200,
        "admin": 200,
        "colleague": 403,
        "reviewer": 403,
        "other_head": 404,
        "member": 404,
        "outsider": 404,
        "coordinator": 404,
        "anonymous": "login",
    },
    # Naming reviewers is the organisers' (the day itself is a public event).
    "/reviews/{pk}/reviewers/": {
        "coordinator": 200,
        "admin": 200,
        "head": 403,
        "colleague": 403,
        "reviewer": 403,
        "other_head": 403,
        "member": 403,
        "outsider": 403,
        "anonymous": "login",
    },
    "/reviews/": dict.fromkeys(PERSONAS, 200) | {"anonymous": "login"},
}


def _outcome(response) -> object:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_what_the_matrix_says(persona, request, review):
    client = request.getfixturevalue(persona)
    for url, expected in MATRIX.items():
        response = client.get(url.format(pk=review.event_id))
        assert _outcome(response) == expected[persona], (url, persona)
        body = response.content.decode()
        if response.status_code != 200 or url == "/reviews/{pk}/reviewers/":
            assert SECRET not in body, (url, persona)


@pytest.mark.parametrize("persona", ["head", "colleague", "reviewer", "admin"])
def test_the_reports_readers_see_it_rendered(persona, request, review):
    review.report = "# Strengths\n\n- **Phonics** is strong\n\n<script>alert(1)</script>"
    review.save()
    html = request.getfixturevalue(persona).get(review.get_absolute_url()).content.decode()
    assert "<h3>Strengths</h3>" in html and "<strong>Phonics</strong>" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("persona", ["other_head", "member", "outsider", "coordinator"])
def test_a_report_and_a_missing_one_look_the_same_to_others(persona, request, review):
    client = request.getfixturevalue(persona)
    there = client.get(review.get_absolute_url())
    nothing = client.get("/reviews/999999/")
    plain_event = client.get(f"/reviews/{EventFactory().pk}/")
    assert there.status_code == nothing.status_code == plain_event.status_code == 404
    assert there.content == nothing.content


def test_the_list_shows_each_person_only_their_reviews(review, head, reviewer, colleague):
    for client in (head, reviewer, colleague):
        html = client.get("/reviews/").content.decode()
        assert review.get_absolute_url() in html


@pytest.mark.parametrize("persona", ["other_head", "member", "outsider", "coordinator"])
def test_the_list_hides_other_schools_reviews(persona, request, review):
    html = request.getfixturevalue(persona).get("/reviews/").content.decode()
    assert review.get_absolute_url() not in html
    assert review.school.name not in html


def test_a_reviewer_writes_the_report(review, reviewer):
    response = reviewer.post(
        f"/reviews/{review.event_id}/edit/", {"report": "**Strong** start to the day."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.report == "**Strong** start to the day."
    assert review.report_updated_by == reviewer.person
    html = reviewer.get(review.get_absolute_url()).content.decode()
    assert "<strong>Strong</strong> start" in html


@pytest.mark.parametrize("persona", ["head", "colleague", "admin"])
def test_readers_who_are_not_reviewers_cannot_write(persona, request, review):
    response = request.getfixturevalue(persona).post(
        f"/reviews/{review.event_id}/edit/", {"report": "Overwritten"}
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.report == SECRET


@pytest.mark.parametrize("persona", ["other_head", "member", "anonymous"])
def test_others_cannot_write_and_learn_nothing(persona, request, review):
    response = request.getfixturevalue(persona).post(
        f"/reviews/{review.event_id}/edit/", {"report": "Overwritten"}
    )
    assert response.status_code in (302, 404)
    review.refresh_from_db()
    assert review.report == SECRET


def test_a_report_too_long_is_refused_with_a_message(review, reviewer):
    response = reviewer.post(f"/reviews/{review.event_id}/edit/", {"report": "x" * 30001})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    review.refresh_from_db()
    assert review.report == SECRET


def test_the_head_names_a_colleague_who_may_then_read_it(review, head, member):
    assert member.get(review.get_absolute_url()).status_code == 404
    response = head.post(
        f"/reviews/{review.event_id}/sharing/", {"shared_with": [member.person.pk]}
    )
    assert response.status_code == 302
    assert member.get(review.get_absolute_url()).status_code == 200
    # The colleague named before is no longer named: the head's list is the whole list.
    assert set(review.shared_with.all()) == {member.person}


def test_the_head_cannot_share_outside_the_school(review, head, other_head):
    response = head.post(
        f"/reviews/{review.event_id}/sharing/", {"shared_with": [other_head.person.pk]}
    )
    assert response.status_code == 400
    assert other_head.get(review.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["reviewer", "colleague"])
def test_only_the_head_shares(persona, request, review, member):
    response = request.getfixturevalue(persona).post(
        f"/reviews/{review.event_id}/sharing/", {"shared_with": [member.person.pk]}
    )
    assert response.status_code == 403
    assert member.get(review.get_absolute_url()).status_code == 404


def test_the_coordinator_names_the_reviewers_from_the_days_registrations(
    school, partnership, coordinator, other_head
):
    event = EventFactory(kind="review_day", host_school=school, partnership=partnership)
    RegistrationFactory(event=event, person=other_head.person, status="confirmed")
    page = coordinator.get(f"/reviews/{event.pk}/reviewers/")
    assert page.status_code == 200
    # The rota's visitors are offered ticked, to confirm.
    assert page.context["form"].initial["reviewers"] == [other_head.person.pk]
    response = coordinator.post(
        f"/reviews/{event.pk}/reviewers/", {"reviewers": [other_head.person.pk]}
    )
    assert response.status_code == 302
    review = Review.objects.get(event=event)
    assert review.school == school and list(review.reviewers.all()) == [other_head.person]
    assert other_head.get(review.get_absolute_url()).status_code == 200
    # The coordinator names the reviewers but does not read the report.
    assert coordinator.get(review.get_absolute_url()).status_code == 404


def test_registering_for_a_review_day_does_not_make_a_reviewer(review, other_head):
    RegistrationFactory(event=review.event, person=other_head.person, status="confirmed")
    assert other_head.get(review.get_absolute_url()).status_code == 404


def test_the_reviewed_schools_own_staff_cannot_be_reviewers(review, coordinator, member):
    response = coordinator.post(
        f"/reviews/{review.event_id}/reviewers/", {"reviewers": [member.person.pk]}
    )
    assert response.status_code == 400
    assert member.get(review.get_absolute_url()).status_code == 404


def test_only_review_days_have_reviewers(coordinator, partnership):
    event = EventFactory(partnership=partnership)
    assert coordinator.get(f"/reviews/{event.pk}/reviewers/").status_code == 404


def test_moving_the_day_to_another_host_keeps_the_report_with_its_school(review, other_head):
    review.event.host_school = other_head.person.school
    review.event.save()
    assert other_head.get(review.get_absolute_url()).status_code == 404


def test_the_rota_planner_makes_the_visitors_reviewers(school, partnership, coordinator):
    """Saving a review-day rota names each day's visiting heads as its reviewers."""
    schools = [school]
    for name in ("Brook Lane Primary", "Cedar Road Primary"):
        other = SchoolFactory(name=name)
        MembershipFactory(school=other, partnership=partnership)
        schools.append(other)
    for s in schools:
        s.headteacher = PersonFactory(school=s, job_title="Headteacher")
        s.save()
    data = {**SERIES, "kind": "review_day", "count": "3", "visitors_per_day": "2"}
    response = coordinator.post(f"/events/rota/{partnership.slug}/", {**data, "action": "propose"})
    response = coordinator.post(
        f"/events/rota/{partnership.slug}/", {**saved_rows(response), "kind": "review_day"}
    )
    assert response.status_code == 302
    reviews = Review.objects.prefetch_related("reviewers").select_related("event")
    assert sorted(r.school_id for r in reviews) == sorted(s.pk for s in schools)
    for review in reviews:
        reviewers = {p.pk for p in review.reviewers.all()}
        registered = set(review.event.registrations.values_list("person_id", flat=True))
        assert len(reviewers) == 2 and reviewers == registered
        assert review.school.headteacher_id not in reviewers
