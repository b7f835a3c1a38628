"""Profile photos are checked by what they contain, then re-encoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from people.models import person_photo_path
from people.photos import clean_photo


def upload(image: Image.Image, fmt: str, name: str = "upload.bin") -> SimpleUploadedFile:
    out = io.BytesIO()
    image.save(out, format=fmt)
    return SimpleUploadedFile(name, out.getvalue())


def test_webp_and_transparent_png_are_kept_in_their_format():
    webp = clean_photo(upload(Image.new("RGB", (10, 10)), "WEBP"))
    assert webp.name == "photo.webp" and webp.content_type == "image/webp"
    png = clean_photo(upload(Image.new("RGBA", (10, 10), (0, 0, 0, 0)), "PNG"))
    with Image.open(png) as image:
        assert image.format == "PNG" and image.mode == "RGBA"


def test_a_file_named_like_a_photo_but_holding_another_format_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_photo(upload(Image.new("RGB", (10, 10)), "BMP", name="holiday.jpg"))
    assert error.value.code == "photo_wrong_type"


def test_an_image_with_too_many_pixels_is_refused_before_decoding():
    huge = upload(Image.new("1", (7000, 6000)), "PNG")
    assert huge.size < 2 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        clean_photo(huge)
    assert error.value.code == "photo_too_large"


def test_a_truncated_image_is_refused():
    data = upload(Image.new("RGB", (50, 50)), "PNG").read()
    with pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("cut.png", data[: len(data) // 2]))
    assert error.value.code == "photo_unreadable"


def test_stored_names_are_random_and_keep_only_a_known_extension():
    first = person_photo_path(None, "photo.png")
    second = person_photo_path(None, "photo.png")
    assert first != second
    assert first.startswith("people/photos/") and first.endswith(".png")
    assert person_photo_path(None, "evil.php").endswith(".jpg")
