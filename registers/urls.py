from django.urls import path

from registers.views import exports, imports

app_name = "registers"
urlpatterns = [
    path(
        "schools/<slug:slug>/people/import/",
        imports.import_page,
        {"kind": "people"},
        name="people_import",
    ),
    path(
        "schools/<slug:slug>/people/template.csv",
        imports.import_template,
        {"kind": "people"},
        name="people_template",
    ),
    path(
        "partnerships/<slug:slug>/memberships/import/",
        imports.import_page,
        {"kind": "memberships"},
        name="memberships_import",
    ),
    path(
        "partnerships/<slug:slug>/memberships/template.csv",
        imports.import_template,
        {"kind": "memberships"},
        name="memberships_template",
    ),
    path("export/schools.csv", exports.schools_csv, name="export_schools"),
    path("export/people.csv", exports.people_csv, name="export_people"),
    path("export/memberships.csv", exports.memberships_csv, name="export_memberships"),
    path("export/events.csv", exports.events_csv, name="export_events"),
    path("export/network-groups.csv", exports.groups_csv, name="export_groups"),
    path("export/support-requests.csv", exports.support_requests_csv, name="export_support"),
    path("export/resources.csv", exports.resources_csv, name="export_resources"),
]
