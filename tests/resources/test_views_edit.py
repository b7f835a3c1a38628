"""Sharing and editing resources: who may, uploads refused with a clear message, tags."""

import pytest

from resources.models import Resource, Sharing
from tests.factories import PartnershipFactory
from tests.resources.conftest import PDF_BYTES, PNG_BYTES, office_bytes

NEW = "/resources/new/"


def data(school, **extra):
    values = {
        "title": "Year 4 fractions sequence",
        "summary": "Six lessons on fractions, with worked examples.",
        "phase": "primary",
        "key_stage": "ks2",
        "tags": "Fractions,  year 4 , fractions, Reasoning",
        "source_school": school.pk,
        "url": "",
        "sharing": "alliance",
    }
    return values | extra


def test_member_shares_a_link(staff, school):
    response = staff.post(NEW, data(school, url="https://lessons.example.org/fractions"))
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.author == staff.person and resource.source_school == school
    assert sorted(t.name for t in resource.tags.all()) == ["fractions", "reasoning", "year 4"]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("plan.pdf", PDF_BYTES, "pdf"), ("plan.docx", office_bytes("word"), "docx")],
)
def test_member_uploads_a_file(staff, school, upload, name, content, kind):
    response = staff.post(NEW, data(school, file=upload(name, content)))
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.file_name == name and resource.file_type == kind
    assert resource.file_size == len(content)
    assert name not in resource.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"MZ\x90\x00 this is a program", "not a type we accept"),
        ("plan.pdf", PNG_BYTES, "its contents are a PNG image"),
        ("tool.exe", b"\x7fELF\x02\x01\x01\x00", "not a type we accept"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(
    staff, school, upload, name, content, message
):
    response = staff.post(NEW, data(school, file=upload(name, content)))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'href="#id_file"' in html
    assert not Resource.objects.exists()


def test_an_oversize_upload_is_refused(staff, school, upload, settings):
    settings.RESOURCES_MAX_UPLOAD_BYTES = 1024
    response = staff.post(NEW, data(school, file=upload("plan.pdf", PDF_BYTES + b"0" * 4096)))
    assert "the largest we accept is 1.0\xa0KB" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_resource_needs_a_file_or_a_link(staff, school):
    response = staff.post(NEW, data(school))
    assert "Upload a file or give a link." in response.content.decode()
    assert not Resource.objects.exists()


def test_sharing_with_a_partnership_needs_the_partnership(staff, school, partnership):
    url = "https://lessons.example.org/"
    response = staff.post(NEW, data(school, url=url, sharing="partnership"))
    assert "Choose the partnership" in response.content.decode()
    response = staff.post(
        NEW, data(school, url=url, sharing="partnership", partnership=partnership.pk)
    )
    assert response.status_code == 302
    assert Resource.objects.get().partnership == partnership


def test_member_cannot_share_with_a_partnership_their_school_is_not_in(staff, school):
    elsewhere = PartnershipFactory()
    url = "https://lessons.example.org/"
    response = staff.post(
        NEW, data(school, url=url, sharing="partnership", partnership=elsewhere.pk)
    )
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_member_cannot_name_another_school_as_the_source(staff, other_school):
    response = staff.post(NEW, data(other_school, url="https://lessons.example.org/"))
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_anonymous_cannot_share(anonymous, school):
    response = anonymous.post(NEW, data(school, url="https://lessons.example.org/"))
    assert response.status_code == 302
    assert not Resource.objects.exists()


def test_an_account_without_a_profile_cannot_share(client, school):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(NEW, data(school, url="https://x.example.org/")).status_code == 403
    assert not Resource.objects.exists()


def test_sharing_refuses_other_methods(staff):
    assert staff.put(NEW).status_code == 405


# Editing --------------------------------------------------------------------------------------


def edit_url(resource):
    return f"/resources/{resource.pk}/edit/"


@pytest.mark.parametrize("persona", ["staff", "head", "admin"])
def test_author_source_school_and_admin_edit(request, persona, shared, school):
    client = request.getfixturevalue(persona)
    response = client.post(
        edit_url(shared), data(school, title="Renamed", url="https://x.example.org/")
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.title == "Renamed"


def test_edit_form_shows_the_tags(staff, shared):
    from tests.factories import TagFactory

    shared.tags.add(TagFactory(name="fractions"))
    assert 'value="fractions"' in staff.get(edit_url(shared)).content.decode()


def test_another_member_may_see_but_not_edit(outsider, shared, school):
    response = outsider.post(edit_url(shared), data(school, title="Mine now", url=shared.url))
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.title == "Fractions on a number line"


def test_other_schools_get_not_found_for_editing_a_partnership_resource(outsider, private, school):
    assert outsider.get(edit_url(private)).status_code == 404


def test_anonymous_cannot_edit(anonymous, shared, school):
    assert anonymous.post(edit_url(shared), data(school, url=shared.url)).status_code == 302


def test_editing_keeps_the_stored_file(staff, school, upload):
    staff.post(NEW, data(school, file=upload("plan.pdf", PDF_BYTES)))
    resource = Resource.objects.get()
    stored = resource.file.name
    response = staff.post(edit_url(resource), data(school, title="Better title"))
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name == stored and resource.file_name == "plan.pdf"
    assert resource.sharing == Sharing.ALLIANCE


def test_edit_page_does_not_reveal_where_the_file_is_stored(staff, school, upload):
    staff.post(NEW, data(school, file=upload("plan.pdf", PDF_BYTES)))
    resource = Resource.objects.get()
    html = staff.get(edit_url(resource)).content.decode()
    assert "Current file: plan.pdf" in html
    assert resource.file.name not in html
