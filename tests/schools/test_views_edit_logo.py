"""The optional logo: checked by content, type and size, and stored under a random name."""

from schools.models import School
from tests.schools.helpers import edit_data, fake_image, image_file, oversized_image


def edit_url(school: School) -> str:
    return f"/schools/{school.slug}/edit/"


def test_a_real_png_is_stored_under_a_random_name(head, school):
    response = head.post(
        edit_url(school), {**edit_data(school), "logo": image_file("Our Logo.png")}
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.logo.name.startswith("schools/logos/")
    assert school.logo.name.endswith(".png")
    assert "Our Logo" not in school.logo.name
    assert school.logo.storage.exists(school.logo.name)


def test_a_jpeg_named_png_is_stored_with_its_true_extension(head, school):
    upload = image_file("logo.png", image_format="JPEG")
    head.post(edit_url(school), {**edit_data(school), "logo": upload})
    school.refresh_from_db()
    assert school.logo.name.endswith(".jpg")


def test_text_renamed_png_is_refused(head, school):
    response = head.post(edit_url(school), {**edit_data(school), "logo": fake_image()})
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [
        "This file is not a PNG, JPEG or WebP image (it may be damaged or renamed)."
    ]
    school.refresh_from_db()
    assert not school.logo
    assert school.version == 1


def test_an_image_over_1_mb_is_refused(head, school):
    response = head.post(edit_url(school), {**edit_data(school), "logo": oversized_image()})
    assert response.status_code == 200
    assert "the largest allowed is 1 MB" in response.context["form"].errors["logo"][0]
    school.refresh_from_db()
    assert not school.logo


def test_a_gif_is_refused_as_the_wrong_type(head, school):
    upload = image_file("logo.gif", image_format="GIF")
    response = head.post(edit_url(school), {**edit_data(school), "logo": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [
        "The logo must be a PNG, JPEG or WebP image, not GIF."
    ]


def test_the_logo_can_be_removed(head, school):
    head.post(edit_url(school), {**edit_data(school), "logo": image_file()})
    response = head.post(edit_url(school), {**edit_data(school), "logo-clear": "on"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert not school.logo


def test_the_logo_is_shown_on_the_school_page(head, anonymous, school):
    head.post(edit_url(school), {**edit_data(school), "logo": image_file()})
    school.refresh_from_db()
    html = anonymous.get(school.get_absolute_url()).content.decode()
    assert f'src="{school.logo.url}" alt="Abbeyfield Primary School logo"' in html
