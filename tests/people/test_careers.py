"""Posts over time: a person's jobs at schools, their current school kept true, and the rights
a school gave ending with the last post there."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from notifications import tick
from partnerships.models import Membership
from people.careers import CareerError, person_move, post_end, post_record, posts_lapse
from people.models import Person
from people.posts import Post
from schools.models import School
from schools.rules import can_edit_school
from tests.conftest import sign_in
from tests.factories import PersonFactory, SchoolFactory

TODAY = timezone.localdate


def test_recording_a_post_makes_its_school_the_current_one(school, other_school):
    person = PersonFactory(school=None, job_title="")
    post_record(person=person, school=other_school, job_title="Deputy head")
    person.refresh_from_db()
    assert (person.school, person.job_title) == (other_school, "Deputy head")


def test_a_move_keeps_the_past_post_and_makes_the_new_school_current(school, other_school):
    person = PersonFactory(school=school, job_title="Class teacher")
    person_move(person=person, school=other_school, job_title="Headteacher")
    person.refresh_from_db()
    assert person.school == other_school
    assert person.job_title == "Headteacher"
    old, new = Post.objects.filter(person=person).order_by("pk")
    assert (old.school, old.ends_on) == (school, TODAY())
    assert (new.school, new.ends_on) == (other_school, None)


def test_ending_the_last_post_ends_the_rights_the_school_gave(head, school, partnership):
    """A head whose last post at the school ended is no longer its head, editor or partnership
    coordinator, and the pages say so: no edit page, no colleagues' school-only contacts."""
    person = head.person
    school.editors.add(person)
    Membership.objects.filter(school=school).update(coordinator=person)
    assert head.get(f"/schools/{school.slug}/edit/").status_code == 200

    post = person.posts.get()
    post_end(post=post, ends_on=TODAY())

    person.refresh_from_db()
    school.refresh_from_db()
    assert person.school is None
    assert school.headteacher is None
    assert not school.editors.filter(pk=person.pk).exists()
    assert not Membership.objects.filter(coordinator=person).exists()
    assert head.get(f"/schools/{school.slug}/edit/").status_code == 403


def test_the_rights_stay_while_another_post_at_the_school_is_current(head, school):
    person = head.person
    post_record(person=person, school=school, job_title="Executive head")
    first = person.posts.order_by("pk").first()
    post_end(post=first, ends_on=TODAY())
    school.refresh_from_db()
    person.refresh_from_db()
    assert school.headteacher == person
    assert person.school == school
    assert can_edit_school(head.user, school)


def test_a_post_ended_in_advance_keeps_its_rights_until_that_day(head, school):
    person = head.person
    post_end(post=person.posts.get(), ends_on=TODAY() + datetime.timedelta(days=7))
    school.refresh_from_db()
    assert school.headteacher == person

    # The periodic pass on the day the post ends.
    Post.objects.filter(person=person).update(ends_on=TODAY())
    assert tick.run()["posts ended"] == 1
    assert posts_lapse() == 0
    school.refresh_from_db()
    person.refresh_from_db()
    assert school.headteacher is None
    assert person.school is None


def test_recording_an_old_post_elsewhere_takes_no_headship_away(head, school, other_school):
    """An executive head may head a school where they hold no post."""
    other_school.headteacher = head.person
    other_school.save(update_fields=["headteacher"])
    post_record(
        person=head.person,
        school=other_school,
        job_title="Class teacher",
        starts_on=datetime.date(2005, 9, 1),
        ends_on=datetime.date(2009, 8, 31),
    )
    other_school.refresh_from_db()
    head.person.refresh_from_db()
    assert other_school.headteacher == head.person
    assert head.person.school == school


def test_a_post_cannot_end_twice(school):
    person = PersonFactory(school=school)
    post = person.posts.get()
    post_end(post=post, ends_on=TODAY())
    with pytest.raises(CareerError) as error:
        post_end(post=post, ends_on=TODAY())
    assert error.value.code == "post_already_ended"


def test_an_admin_moving_a_person_records_the_move_as_posts(admin, school, other_school):
    person = PersonFactory(school=school, first_name="Mo", last_name="Ving")
    response = admin.post(
        f"/people/{person.pk}/edit/",
        {
            "first_name": "Mo",
            "last_name": "Ving",
            "job_title": "Class teacher",
            "school": other_school.pk,
            "contact_visibility": "alliance",
        },
    )
    assert response.status_code == 302
    assert [(p.school, p.ends_on) for p in person.posts.order_by("pk")] == [
        (school, TODAY()),
        (other_school, None),
    ]


# The data migration ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_makes_each_current_school_a_current_post_on_the_demo_data():
    """On a copy of the demo alliance as it was before posts: every person with a school gets
    one current post there with their job title; running it again adds nothing."""
    call_command("seed_demo", stdout=io.StringIO())
    Post.objects.all().delete()
    migration = importlib.import_module("people.migrations.0014_current_school_as_post")

    migration.current_school_as_post(apps, None)

    at_school = Person.objects.filter(school__isnull=False, erased_at__isnull=True)
    assert at_school.count() > 100
    assert Post.objects.count() == at_school.count()
    for person in at_school.prefetch_related("posts"):
        (post,) = person.posts.all()
        assert (post.school_id, post.job_title, post.ends_on) == (
            person.school_id,
            person.job_title,
            None,
        )
    migration.current_school_as_post(apps, None)
    assert Post.objects.count() == at_school.count()


# Pages ----------------------------------------------------------------------------------------


def test_person_page_shows_the_career_latest_first(staff, school, other_school):
    person = PersonFactory(school=other_school, job_title="Class teacher")
    person_move(person=person, school=school, job_title="Headteacher")
    Post.objects.filter(person=person, school=other_school).update(
        starts_on=datetime.date(2015, 9, 1)
    )
    html = staff.get(person.get_absolute_url()).content.decode()
    assert "Career in the alliance" in html
    assert html.index("Headteacher at") < html.index("Class teacher at")
    assert "September 2015 to" in html


def test_school_page_lists_current_staff_not_past_staff(staff, school, other_school):
    stays = PersonFactory(school=school, first_name="Stella", last_name="Stays")
    leaves = PersonFactory(school=school, first_name="Lionel", last_name="Leaves")
    person_move(person=leaves, school=other_school)
    html = staff.get(school.get_absolute_url()).content.decode()
    assert stays.display_name in html
    assert leaves.display_name not in html


@pytest.fixture
def colleague(school):
    return PersonFactory(school=school, first_name="Colin", last_name="Colleague")


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_head_editors_and_admins_record_a_post(request, persona, colleague, school):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/posts/add/"
    assert client.get(url).status_code == 200
    data = {"school": school.pk, "job_title": "Maths lead", "starts_on": "2025-09-01"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert colleague.posts.filter(job_title="Maths lead", school=school).exists()


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_cannot_record_or_end_posts(request, persona, colleague, school):
    client = request.getfixturevalue(persona)
    post = colleague.posts.get()
    data = {"school": school.pk, "job_title": "Maths lead", "starts_on": "2025-09-01"}
    assert client.post(f"/people/{colleague.pk}/posts/add/", data).status_code == 403
    end = f"/people/{colleague.pk}/posts/{post.pk}/end/"
    assert client.post(end, {"ends_on": TODAY().isoformat()}).status_code == 403
    assert colleague.posts.count() == 1
    assert colleague.posts.get().ends_on is None


def test_anonymous_is_sent_to_sign_in_for_posts(anonymous, colleague):
    response = anonymous.get(f"/people/{colleague.pk}/posts/add/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_post_pages_refuse_other_methods(head, colleague):
    post = colleague.posts.get()
    assert head.put(f"/people/{colleague.pk}/posts/add/").status_code == 405
    assert head.put(f"/people/{colleague.pk}/posts/{post.pk}/end/").status_code == 405


def test_a_head_records_posts_only_at_schools_they_run(head, colleague, other_school):
    data = {"school": other_school.pk, "job_title": "Head", "starts_on": "2025-09-01"}
    response = head.post(f"/people/{colleague.pk}/posts/add/", data)
    assert response.status_code == 200
    assert "Choose one of the options offered for" in response.content.decode()
    assert colleague.posts.count() == 1


def test_a_post_cannot_end_before_it_starts(head, colleague, school):
    data = {"school": school.pk, "starts_on": "2025-09-01", "ends_on": "2025-01-01"}
    response = head.post(f"/people/{colleague.pk}/posts/add/", data)
    assert response.status_code == 200
    assert "A post cannot end before it starts." in response.content.decode()
    assert colleague.posts.count() == 1


def test_a_head_ends_a_colleagues_post_and_the_colleague_leaves_the_school_page(
    head, colleague, school
):
    post = colleague.posts.get()
    response = head.post(
        f"/people/{colleague.pk}/posts/{post.pk}/end/", {"ends_on": TODAY().isoformat()}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.school is None
    assert colleague.display_name not in head.get(school.get_absolute_url()).content.decode()


def test_a_post_of_someone_else_is_404_under_this_person(head, colleague, school):
    other = PersonFactory(school=school)
    post = other.posts.get()
    response = head.post(
        f"/people/{colleague.pk}/posts/{post.pk}/end/", {"ends_on": TODAY().isoformat()}
    )
    assert response.status_code == 404


def test_a_person_without_a_school_has_no_current_school_rights(school):
    client = sign_in(PersonFactory(school=SchoolFactory()))
    post_end(post=client.person.posts.get(), ends_on=TODAY())
    client.person.refresh_from_db()
    assert client.person.school is None
    assert School.objects.filter(staff=client.person).count() == 0
