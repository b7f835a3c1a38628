from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.csv", views.person_export, name="export"),
    path("me/", views.my_profile, name="me"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/vcard.vcf", views.person_vcard_view, name="vcard"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/history/", views.person_history, name="history"),
    path("<int:pk>/roles/add/", views.role_add, name="role_add"),
    path("<int:pk>/roles/<int:role_pk>/end/", views.role_end_view, name="role_end"),
    path("<int:pk>/posts/add/", views.post_add, name="post_add"),
    path("<int:pk>/posts/<int:post_pk>/end/", views.post_end_view, name="post_end"),
    path("<int:pk>/designations/add/", views.designation_add, name="designation_add"),
    path(
        "<int:pk>/designations/<int:designation_pk>/edit/",
        views.designation_edit,
        name="designation_edit",
    ),
    path("<int:pk>/qualifications/add/", views.qualification_add_view, name="qualification_add"),
    path(
        "<int:pk>/qualifications/<int:record_pk>/remove/",
        views.qualification_remove_view,
        name="qualification_remove",
    ),
]
