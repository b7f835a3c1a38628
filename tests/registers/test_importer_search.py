"""After an import (command or admin page) search finds every imported school at once."""

import io

import pytest
from django.core.management import call_command

from registers.importer import import_register
from schools.models import School
from search.backends import exact_match, search
from search.models import SearchDocument
from tests.factories import SchoolFactory
from tests.registers.imports import run_import_jobs

pytestmark = pytest.mark.django_db


def found(query: str, user) -> list[str]:
    return [document.title for document in search(query, user=user).documents]


def test_command_import_makes_every_school_searchable_by_name_urn_and_postcode(
    tmp_path, sample_bytes, django_user_model
):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(sample_bytes)
    call_command("import_gias", str(path), "--no-progress", stdout=io.StringIO())
    user = django_user_model(is_staff=True)  # an unsaved signed-in member
    for school in School.objects.all():
        assert school.name in found(school.name, user)
        assert exact_match(school.urn, user).url == school.get_absolute_url()
        assert school.name in found(school.postcode, user)
    assert SearchDocument.objects.filter(kind="school").count() == 9


def test_a_renamed_school_is_found_by_its_new_name_after_the_next_import(sample_text):
    import_register(text=sample_text(), dry_run=False)
    renamed = sample_text().getvalue().replace("Castle Mead Infant", "Castle Green Infant")
    import_register(text=io.StringIO(renamed, newline=""), dry_run=False)
    titles = SearchDocument.objects.filter(kind="school").values_list("title", flat=True)
    assert "Castle Green Infant School" in titles
    assert "Castle Mead Infant School" not in titles


def test_admin_import_makes_the_schools_searchable(admin, sample_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = "/admin/registers/registerrecord/import/"
    preview = admin.post(
        url, {"file": SimpleUploadedFile("e.csv", sample_bytes, content_type="text/csv")}
    )
    run_import_jobs()
    admin.post(preview.url, {"confirm": "1"})
    run_import_jobs()
    response = admin.get("/search/", {"q": "990105"})
    assert response.status_code == 302
    assert response["Location"] == School.objects.get(urn="990105").get_absolute_url()


def test_a_dry_run_indexes_nothing(sample_text):
    import_register(text=sample_text(), dry_run=True)
    assert not SearchDocument.objects.exists()


def test_a_urn_search_returns_that_school_or_nothing_never_a_neighbour(anonymous, db):
    SchoolFactory(name="Neighbour Primary", urn="990002", postcode="EB9 9ZZ")
    wanted = SchoolFactory(name="Wanted Primary", urn="990003", postcode="EB9 9ZY")
    response = anonymous.get("/search/", {"q": "990003"})
    assert response["Location"] == wanted.get_absolute_url()
    wanted.delete()  # not in the portal any more: a search for its URN finds nothing
    response = anonymous.get("/search/", {"q": "990003"})
    assert response.status_code == 200
    assert response.context["results"].documents == []
