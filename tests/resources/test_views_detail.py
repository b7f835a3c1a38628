"""A resource's page and its download: who sees them, where it came from."""

import pytest

from resources.models import Resource
from tests.factories import PinFactory, ResourceCommentFactory, UseFactory
from tests.resources.conftest import PDF_BYTES


def test_member_sees_where_a_resource_came_from(outsider, shared):
    html = outsider.get(shared.get_absolute_url()).content.decode()
    assert "Where it came from" in html
    assert "Abbeyfield Primary School" in html
    assert shared.author.display_name in html


def test_partnership_resource_is_not_found_for_other_schools(outsider, private):
    assert outsider.get(private.get_absolute_url()).status_code == 404


def test_partnership_resource_is_shown_to_member_schools(coordinator, private):
    assert coordinator.get(private.get_absolute_url()).status_code == 200


def test_anonymous_is_sent_to_sign_in_for_a_resource(anonymous, shared):
    assert anonymous.get(shared.get_absolute_url()).status_code == 302


@pytest.mark.parametrize("rows", [1, 30])
def test_detail_queries_do_not_grow_with_comments_and_pins(
    staff, shared, django_assert_num_queries, rows
):
    """Comment authors and their schools, and pinned groups, are joined: no query per row."""
    for _ in range(rows):
        ResourceCommentFactory(resource=shared)
        UseFactory(resource=shared)
        PinFactory(resource=shared)
    with django_assert_num_queries(9):
        response = staff.get(shared.get_absolute_url())
    assert response.status_code == 200


# Download -------------------------------------------------------------------------------------


@pytest.fixture
def with_file(private, upload):
    private.file = upload("moderation.pdf", PDF_BYTES)
    private.file_name = "moderation.pdf"
    private.file_type = "pdf"
    private.save()
    return private


def test_file_is_stored_under_a_random_name(with_file):
    assert "moderation" not in with_file.file.name
    assert with_file.file.name.startswith("resources/") and with_file.file.name.endswith(".pdf")


def test_member_downloads_the_file_as_an_attachment(staff, with_file):
    response = staff.get(f"/resources/{with_file.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="moderation.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_other_schools_cannot_download_a_partnership_file(outsider, with_file):
    assert outsider.get(f"/resources/{with_file.pk}/download/").status_code == 404


def test_anonymous_cannot_download(anonymous, with_file):
    response = anonymous.get(f"/resources/{with_file.pk}/download/")
    assert response.status_code == 302


def test_a_link_has_nothing_to_download(staff, shared):
    assert not Resource.objects.get(pk=shared.pk).file
    assert staff.get(f"/resources/{shared.pk}/download/").status_code == 404
