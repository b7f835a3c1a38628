"""Editing a profile: the person, their school's head and editors, and admins; nobody else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from people.models import ContactVisibility, Person
from tests.factories import PersonFactory, SchoolFactory


def form_data(person: Person, **changes) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "preferred_name": person.preferred_name,
        "pronouns": person.pronouns,
        "job_title": person.job_title,
        "email": person.email,
        "telephone": str(person.telephone.as_national) if person.telephone else "",
        "contact_visibility": person.contact_visibility,
        "bio": person.bio,
        "expertise": person.expertise,
    }
    data.update(changes)
    return data


def image_file(fmt: str = "PNG", size=(40, 40), name="me.png", exif=None) -> SimpleUploadedFile:
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def colleague(school):
    return PersonFactory(school=school, first_name="Colin", last_name="Colleague")


# Who may edit ---------------------------------------------------------------------------------


def test_person_edits_their_own_profile(staff):
    person = staff.person
    url = f"/people/{person.pk}/edit/"
    assert staff.get(url).status_code == 200
    response = staff.post(
        url,
        form_data(
            person,
            preferred_name="Sam",
            pronouns="they/them",
            job_title="Year 4 teacher",
            contact_visibility=ContactVisibility.SCHOOL,
            expertise="Phonics",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    person.refresh_from_db()
    assert person.preferred_name == "Sam"
    assert person.pronouns == "they/them"
    assert person.contact_visibility == ContactVisibility.SCHOOL
    assert person.expertise == "Phonics"
    assert person.updated_by == staff.user
    page = staff.get(response["Location"]).content.decode()
    assert "Profile saved." in page


@pytest.mark.parametrize("persona", ["head", "editor", "admin"])
def test_school_head_editors_and_admins_edit_a_member_of_staff(request, persona, colleague):
    client = request.getfixturevalue(persona)
    response = client.post(f"/people/{colleague.pk}/edit/", form_data(colleague, job_title="SENCo"))
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.job_title == "SENCo"


@pytest.mark.parametrize("persona", ["staff", "coordinator", "outsider"])
def test_others_get_403_and_nothing_changes(request, persona, colleague):
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/edit/"
    assert client.get(url).status_code == 403
    response = client.post(url, form_data(colleague, job_title="Hacked"))
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.job_title == "Class teacher"


def test_head_cannot_edit_staff_of_another_school(head, other_school):
    elsewhere = PersonFactory(school=other_school)
    assert head.post(f"/people/{elsewhere.pk}/edit/", form_data(elsewhere)).status_code == 403


def test_anonymous_is_sent_to_sign_in(anonymous, colleague):
    response = anonymous.post(f"/people/{colleague.pk}/edit/", form_data(colleague, job_title="X"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    colleague.refresh_from_db()
    assert colleague.job_title == "Class teacher"


def test_wrong_method_is_refused(staff):
    assert staff.put(f"/people/{staff.person.pk}/edit/").status_code == 405
    assert staff.delete(f"/people/{staff.person.pk}/edit/").status_code == 405


def test_unknown_person_is_404(admin):
    assert admin.get("/people/999999/edit/").status_code == 404


# What may be changed -------------------------------------------------------------------------


def test_fields_a_member_may_not_set_are_ignored(staff, other_school, admin):
    person = staff.person
    school = person.school
    response = staff.post(
        f"/people/{person.pk}/edit/",
        form_data(
            person,
            school=other_school.pk,
            user=admin.user.pk,
            erased_at="2020-01-01T00:00",
            updated_by=admin.user.pk,
            job_title="Still me",
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.job_title == "Still me"
    assert person.school == school
    assert person.user == staff.user
    assert person.erased_at is None
    assert person.updated_by == staff.user


def test_admin_moves_a_person_to_another_school(admin, colleague, other_school):
    response = admin.post(
        f"/people/{colleague.pk}/edit/", form_data(colleague, school=other_school.pk)
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.school == other_school


def test_bad_input_shows_errors_and_changes_nothing(staff):
    person = staff.person
    response = staff.post(
        f"/people/{person.pk}/edit/",
        form_data(person, first_name="", email="not-an-email", telephone="12", job_title="New"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_first_name"' in html and 'href="#id_email"' in html
    assert "Enter an e-mail address in the right form, e.g. name@example.org." in html
    person.refresh_from_db()
    assert person.job_title == "Class teacher"


# Photos --------------------------------------------------------------------------------------


def test_photo_is_stored_under_a_random_name_without_its_metadata(staff):
    person = staff.person
    exif = Image.Exif()
    exif[0x010F] = "Testcam"  # Make
    photo = image_file("JPEG", size=(2000, 1000), name="my-home-address.jpg", exif=exif)
    response = staff.post(f"/people/{person.pk}/edit/", {**form_data(person), "photo": photo})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.photo.name.startswith("people/photos/")
    assert "my-home-address" not in person.photo.name
    assert person.photo.name.endswith(".jpg")
    with Image.open(person.photo.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 800
        assert dict(stored.getexif()) == {}
    html = staff.get(person.get_absolute_url()).content.decode()
    assert f'src="{person.photo.url}"' in html


def test_replacing_a_photo_deletes_the_old_file(staff, django_capture_on_commit_callbacks):
    person = staff.person
    url = f"/people/{person.pk}/edit/"
    staff.post(url, {**form_data(person), "photo": image_file()})
    person.refresh_from_db()
    old_path = person.photo.path
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {**form_data(person), "photo": image_file(name="new.png")})
    person.refresh_from_db()
    assert person.photo.path != old_path
    assert not __import__("os").path.exists(old_path)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("me.png", b"<?php echo 1; ?>", content_type="image/png"),
            "Choose a photo or picture (JPEG, PNG or WebP)",
        ),
        (image_file("GIF", name="me.gif"), "must be a JPEG, PNG or WebP image"),
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1)),
            "larger than 2 MB",
        ),
    ],
    ids=["not an image", "wrong type", "too large"],
)
def test_photos_are_checked_by_content_type_and_size(staff, upload, message):
    person = staff.person
    response = staff.post(f"/people/{person.pk}/edit/", {**form_data(person), "photo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert not person.photo


# My profile ----------------------------------------------------------------------------------


def test_my_profile_takes_me_to_my_page(staff):
    response = staff.get("/people/me/")
    assert response.status_code == 302
    assert response["Location"] == staff.person.get_absolute_url()


def test_my_profile_without_a_profile_explains_what_to_do(db):
    from tests.conftest import sign_in

    response = sign_in(None).get("/people/me/")
    assert response.status_code == 200
    assert "not linked to a profile" in response.content.decode()


def test_my_profile_link_is_in_the_account_navigation(staff):
    assert 'href="/people/me/"' in staff.get("/").content.decode()


def test_other_schools_are_not_offered_to_members(staff):
    SchoolFactory(name="Faraway Academy")
    html = staff.get(f"/people/{staff.person.pk}/edit/").content.decode()
    assert "Faraway Academy" not in html


@pytest.mark.parametrize("persona", ["head", "editor"])
def test_who_sees_contacts_stays_the_persons_own_choice(request, persona, colleague):
    colleague.contact_visibility = ContactVisibility.ADMINS
    colleague.save()
    client = request.getfixturevalue(persona)
    url = f"/people/{colleague.pk}/edit/"
    assert "contact_visibility" not in client.get(url).content.decode()
    data = form_data(colleague, contact_visibility=ContactVisibility.ALLIANCE, job_title="SBM")
    assert client.post(url, data).status_code == 302
    colleague.refresh_from_db()
    assert colleague.job_title == "SBM"
    assert colleague.contact_visibility == ContactVisibility.ADMINS
