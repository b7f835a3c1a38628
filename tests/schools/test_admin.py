"""Django admin for schools: list, search, filters and history."""

from tests.factories import SchoolFactory


def test_admin_lists_searches_and_filters_schools(admin, school):
    SchoolFactory(name="Brook High", phase="secondary", urn="222222")
    response = admin.get("/admin/schools/school/?q=222222")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brook High" in html and "Abbeyfield Primary School" not in html
    response = admin.get("/admin/schools/school/?phase__exact=primary")
    assert "Abbeyfield Primary School" in response.content.decode()


def test_admin_shows_a_schools_history(admin, school):
    response = admin.get(f"/admin/schools/school/{school.pk}/history/")
    assert response.status_code == 200


def test_staff_cannot_use_the_admin(staff, school):
    response = staff.get("/admin/schools/school/")
    assert response.status_code == 302
